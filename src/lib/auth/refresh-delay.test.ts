import { describe, expect, it } from 'vitest'
import { refreshDelayMs } from './refresh-delay.ts'
import type { SessionUser } from './session-user.ts'

const user = (issuedAtMs: number, expiresAtMs: number, receivedAtMs?: number): SessionUser => ({
  username: 'ada@example.com',
  role: 'operator',
  groups: ['operator'],
  tokenIssuedAtMs: issuedAtMs,
  tokenExpiresAtMs: expiresAtMs,
  ...(receivedAtMs === undefined ? {} : { tokenReceivedAtMs: receivedAtMs }),
})

describe('refreshDelayMs', () => {
  it('refreshes an hour-long token a minute before it expires', () => {
    expect(refreshDelayMs(user(0, 3_600_000), 0)).toBe(3_540_000)
  })

  it('refreshes a short-lived token a fifth of its lifetime early', () => {
    expect(refreshDelayMs(user(0, 30_000), 0)).toBe(24_000)
  })

  it('times a token just received from its arrival, whatever the clock says', () => {
    // The local clock is two hours ahead of Cognito's.
    const skewMs = 7_200_000
    expect(refreshDelayMs(user(0, 3_600_000, skewMs), skewMs)).toBe(3_540_000)
  })

  it('never schedules sooner than a few seconds, nor for a token without a lifetime', () => {
    expect(refreshDelayMs(user(0, 30_000), 60_000)).toBe(5_000)
    expect(refreshDelayMs(user(0, 0), 0)).toBeUndefined()
  })
})
