import { describe, expect, it } from 'vitest'
import { refreshDelayMs } from './refresh-delay.ts'

const user = (issuedAtMs: number, expiresAtMs: number) => ({
  username: 'ada@example.com',
  role: 'operator' as const,
  groups: ['operator'],
  tokenIssuedAtMs: issuedAtMs,
  tokenExpiresAtMs: expiresAtMs,
})

describe('refreshDelayMs', () => {
  it('refreshes an hour-long token a minute before it expires', () => {
    expect(refreshDelayMs(user(0, 3_600_000), 0)).toBe(3_540_000)
  })

  it('refreshes a short-lived token a fifth of its lifetime early', () => {
    expect(refreshDelayMs(user(0, 30_000), 0)).toBe(24_000)
  })

  it('never schedules in the past', () => {
    expect(refreshDelayMs(user(0, 30_000), 60_000)).toBe(1_000)
  })
})
