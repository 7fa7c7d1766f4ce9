import { describe, expect, it } from 'vitest'
import { formatDateTime } from './format-date-time.ts'

describe('formatDateTime', () => {
  it('shows an absent date as a dash', () => {
    expect(formatDateTime(undefined)).toBe('—')
  })

  it("formats a date in the viewer's locale, with the time", () => {
    const date = new Date(2026, 10, 22, 9, 5, 7)
    expect(formatDateTime(date)).toBe(
      date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }),
    )
    expect(formatDateTime(date)).toMatch(/2026/)
  })
})
