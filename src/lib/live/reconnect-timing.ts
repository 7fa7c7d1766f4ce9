/**
 * When to try again, and when to replace a connection before its credentials
 * expire. Pure functions of the clock and a random source, so tests own time.
 */

/**
 * Reconnect delays double from about a second up to half a minute, with half
 * of each delay random ("equal jitter",
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/):
 * a fleet of wall displays that lost the same endpoint does not come back
 * in step, and none waits more than 30 s once it is reachable again.
 */
export const RECONNECT_BASE_MS = 1_000
export const RECONNECT_CAP_MS = 30_000

/** A connection that stayed up this long resets the backoff when it drops. */
export const STABLE_CONNECTION_MS = 30_000

/** `retry` counts from 1: the first retry after a failure or a drop. */
export function reconnectDelayMs(retry: number, random: () => number): number {
  const ceilingMs = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, retry - 1))
  return Math.round(ceilingMs / 2 + (random() * ceilingMs) / 2)
}

/**
 * AWS IoT closes a WebSocket when the credentials that signed it expire, and
 * after 24 hours in any case
 * (https://docs.aws.amazon.com/general/latest/gr/iot-core.html#message-broker-limits).
 */
export const MAX_CONNECTION_MS = 24 * 60 * 60 * 1000

/**
 * Replace the connection a minute before it would be closed, or a fifth of
 * its lifetime before when that is shorter (credentials that live 30 s in
 * the end-to-end tests), as the session refreshes its tokens
 * (src/lib/auth/refresh-delay.ts). Never sooner than 5 s from now, so
 * credentials that are somehow already due cannot make it reconnect in a loop.
 */
const RENEW_AHEAD_MS = 60_000
export const MIN_RENEW_DELAY_MS = 5_000

/**
 * How long to keep a connection that opened at `connectedAtMs` with
 * credentials expiring at `expiresAtMs` (undefined: they do not expire)
 * before opening its replacement. Both times are on this device's clock: the
 * credentials' expiration is AWS's time, so a clock running behind AWS's
 * renews late, and the socket closes first: the manager then reconnects.
 */
export function renewDelayMs(
  connectedAtMs: number,
  expiresAtMs: number | undefined,
  nowMs: number,
): number {
  const endsAtMs = Math.min(
    expiresAtMs ?? Number.POSITIVE_INFINITY,
    connectedAtMs + MAX_CONNECTION_MS,
  )
  const lifetimeMs = Math.max(0, endsAtMs - connectedAtMs)
  const aheadMs = Math.min(RENEW_AHEAD_MS, lifetimeMs / 5)
  return Math.max(MIN_RENEW_DELAY_MS, Math.round(endsAtMs - aheadMs - nowMs))
}

/**
 * Credentials not worth a new connection: about to expire, or (when replacing
 * a connection) no newer than the ones it was signed with. The manager then
 * asks for freshly issued ones.
 */
const MIN_USEFUL_LIFETIME_MS = 5_000

export function areStaleCredentials(
  expiresAtMs: number | undefined,
  nowMs: number,
  replacingExpiresAtMs?: number,
): boolean {
  if (expiresAtMs === undefined) return false
  if (expiresAtMs - nowMs < MIN_USEFUL_LIFETIME_MS) return true
  return replacingExpiresAtMs !== undefined && expiresAtMs <= replacingExpiresAtMs
}
