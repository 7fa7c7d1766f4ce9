import type { SessionUser } from './session-user.ts'

/**
 * Refresh a minute before the ID token expires (a fifth of its lifetime
 * when that is shorter), so no request goes out with a stale token.
 */
const REFRESH_AHEAD_MS = 60_000
const MIN_REFRESH_DELAY_MS = 1_000

export function refreshDelayMs(user: SessionUser, nowMs: number): number {
  const lifetimeMs = user.tokenExpiresAtMs - user.tokenIssuedAtMs
  const aheadMs = Math.min(REFRESH_AHEAD_MS, lifetimeMs / 5)
  return Math.max(user.tokenExpiresAtMs - aheadMs - nowMs, MIN_REFRESH_DELAY_MS)
}
