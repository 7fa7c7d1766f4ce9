import type { SessionUser } from './session-user.ts'

/**
 * Refresh a minute before the ID token expires (a fifth of its lifetime
 * when that is shorter), so no request goes out with a stale token.
 */
const REFRESH_AHEAD_MS = 60_000
const MIN_REFRESH_DELAY_MS = 5_000

/**
 * When to refresh, or undefined when the token has no usable lifetime. For
 * tokens this page just received the due time counts from their arrival on
 * the local clock, so a device whose clock is off (a wall display) does not
 * refresh in a loop; tokens found in storage at start count from `exp`, and
 * a wrong clock costs at most one early refresh.
 */
export function refreshDelayMs(user: SessionUser, nowMs: number): number | undefined {
  const lifetimeMs = user.tokenExpiresAtMs - user.tokenIssuedAtMs
  if (user.tokenExpiresAtMs <= 0 || lifetimeMs <= 0) return undefined
  const aheadMs = Math.min(REFRESH_AHEAD_MS, lifetimeMs / 5)
  const dueMs =
    user.tokenReceivedAtMs === undefined
      ? user.tokenExpiresAtMs - aheadMs
      : user.tokenReceivedAtMs + lifetimeMs - aheadMs
  return Math.max(dueMs - nowMs, MIN_REFRESH_DELAY_MS)
}
