import { describe, expect, it } from 'vitest'
import { formatDuration, formatMilliseconds } from './format-duration.ts'

describe('formatDuration', () => {
  it('reads at a glance', () => {
    expect(formatDuration(45_000)).toBe('45 s')
    expect(formatDuration(12 * 60_000)).toBe('12 min')
    expect(formatDuration(3 * 3_600_000 + 20 * 60_000)).toBe('3 h 20 min')
    expect(formatDuration(2 * 3_600_000)).toBe('2 h')
  })
})

describe('formatMilliseconds', () => {
  it('keeps short times precise', () => {
    expect(formatMilliseconds(850)).toBe('850 ms')
    expect(formatMilliseconds(2_340)).toBe('2.3 s')
    expect(formatMilliseconds(120_000)).toBe('2 min')
  })
})
