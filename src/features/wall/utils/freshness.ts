/**
 * How fresh a panel's data is, from when it last changed on this screen
 * (the browser's clock, never a server timestamp: the local cloud's clock
 * may run fast, and AWS's differs from the screen's). A panel is stale once
 * it has missed two of its refreshes plus a grace; a wall shows that as a
 * warning so nobody trusts frozen numbers.
 */
export type FreshnessState = 'waiting' | 'fresh' | 'stale'

export interface Freshness {
  readonly state: FreshnessState
  /** When the (oldest) data changed here; undefined until there is data. */
  readonly updatedAtMs: number | undefined
  /** Undefined until the panel has data. */
  readonly ageMs: number | undefined
  /** "updated 12 s ago", "updated 3 min ago", "waiting for data". */
  readonly text: string
}

export const STALE_GRACE_MS = 5_000

const WAITING: Freshness = {
  state: 'waiting',
  updatedAtMs: undefined,
  ageMs: undefined,
  text: 'waiting for data',
}

export function staleAfterMs(expectedIntervalMs: number): number {
  return 2 * expectedIntervalMs + STALE_GRACE_MS
}

/** An age in words a person reads across a room. */
export function ageText(ageMs: number): string {
  const seconds = Math.floor(Math.max(0, ageMs) / 1000)
  if (seconds < 5) return 'just now'
  if (seconds < 60) return `${String(seconds)} s ago`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${String(minutes)} min ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${String(hours)} h ago`
  return `${String(Math.floor(hours / 24))} days ago`
}

/**
 * `updatedAtMs` is when the data last changed here (TanStack's
 * dataUpdatedAt; 0 or undefined before the first answer).
 */
export function freshnessOf(
  updatedAtMs: number | undefined,
  nowMs: number,
  expectedIntervalMs: number,
): Freshness {
  if (updatedAtMs === undefined || updatedAtMs <= 0) return WAITING
  // A clock step backwards must not show a negative age.
  const ageMs = Math.max(0, nowMs - updatedAtMs)
  const state = ageMs > staleAfterMs(expectedIntervalMs) ? 'stale' : 'fresh'
  return { state, updatedAtMs, ageMs, text: `updated ${ageText(ageMs)}` }
}

export interface FreshnessSource {
  readonly updatedAtMs: number | undefined
  readonly expectedIntervalMs: number
}

/**
 * A panel drawn from several sources is as fresh as its stalest one: it
 * waits while any has no data yet, is stale once any is, and says how old
 * the oldest is.
 */
export function combinedFreshness(sources: readonly FreshnessSource[], nowMs: number): Freshness {
  const each = sources.map((source) =>
    freshnessOf(source.updatedAtMs, nowMs, source.expectedIntervalMs),
  )
  const waiting = each.find((freshness) => freshness.state === 'waiting')
  if (waiting !== undefined || each.length === 0) return WAITING
  const oldest = each.reduce((a, b) => ((b.ageMs ?? 0) > (a.ageMs ?? 0) ? b : a))
  const state = each.some((freshness) => freshness.state === 'stale') ? 'stale' : 'fresh'
  return { ...oldest, state }
}
