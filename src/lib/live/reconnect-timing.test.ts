import { describe, expect, it } from 'vitest'
import {
  areStaleCredentials,
  MAX_CONNECTION_MS,
  MIN_RENEW_DELAY_MS,
  RECONNECT_CAP_MS,
  reconnectDelayMs,
  renewDelayMs,
} from './reconnect-timing.ts'

describe('reconnectDelayMs', () => {
  it('doubles from about a second, with half of each delay random', () => {
    const lowest = (retry: number) => reconnectDelayMs(retry, () => 0)
    const highest = (retry: number) => reconnectDelayMs(retry, () => 1)
    expect([1, 2, 3, 4, 5].map(lowest)).toEqual([500, 1_000, 2_000, 4_000, 8_000])
    expect([1, 2, 3, 4, 5].map(highest)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000])
  })

  it('never waits more than 30 s, however many retries failed', () => {
    for (const retry of [6, 10, 100, 10_000]) {
      expect(reconnectDelayMs(retry, () => 1)).toBe(RECONNECT_CAP_MS)
      expect(reconnectDelayMs(retry, () => 0)).toBe(RECONNECT_CAP_MS / 2)
    }
  })

  it('spreads clients that failed together', () => {
    const delays = new Set([0.1, 0.3, 0.6, 0.9].map((r) => reconnectDelayMs(4, () => r)))
    expect(delays.size).toBe(4)
  })
})

describe('renewDelayMs', () => {
  const connectedAtMs = 1_000_000

  it('renews a minute before hour-long credentials expire', () => {
    const expiresAtMs = connectedAtMs + 60 * 60_000
    expect(renewDelayMs(connectedAtMs, expiresAtMs, connectedAtMs)).toBe(59 * 60_000)
  })

  it('renews a fifth of the lifetime ahead when that is less than a minute (30 s in e2e)', () => {
    expect(renewDelayMs(connectedAtMs, connectedAtMs + 30_000, connectedAtMs)).toBe(24_000)
    expect(renewDelayMs(connectedAtMs, connectedAtMs + 30_000, connectedAtMs + 10_000)).toBe(14_000)
  })

  it('renews credentials that never expire before AWS ends the connection at 24 hours', () => {
    expect(renewDelayMs(connectedAtMs, undefined, connectedAtMs)).toBe(MAX_CONNECTION_MS - 60_000)
  })

  it('waits at least 5 s, even for credentials already due', () => {
    expect(renewDelayMs(connectedAtMs, connectedAtMs + 2_000, connectedAtMs)).toBe(
      MIN_RENEW_DELAY_MS,
    )
    expect(renewDelayMs(connectedAtMs, connectedAtMs - 1, connectedAtMs + 60_000)).toBe(
      MIN_RENEW_DELAY_MS,
    )
  })
})

describe('areStaleCredentials', () => {
  const nowMs = 5_000_000

  it('takes credentials without an expiration or far from it as they are', () => {
    expect(areStaleCredentials(undefined, nowMs)).toBe(false)
    expect(areStaleCredentials(nowMs + 30_000, nowMs)).toBe(false)
  })

  it('calls credentials about to expire stale', () => {
    expect(areStaleCredentials(nowMs + 4_000, nowMs)).toBe(true)
    expect(areStaleCredentials(nowMs - 1, nowMs)).toBe(true)
  })

  it('calls credentials stale when they are no newer than the ones being replaced', () => {
    expect(areStaleCredentials(nowMs + 30_000, nowMs, nowMs + 30_000)).toBe(true)
    expect(areStaleCredentials(nowMs + 30_001, nowMs, nowMs + 30_000)).toBe(false)
  })
})
