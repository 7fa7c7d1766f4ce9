import { finishedOf, totalOf } from './execution-counts.ts'
import type { ExecutionTimeline } from './execution-timeline.ts'

/**
 * How fast a job is finishing executions, over the last few minutes of its
 * timeline, and when the rest would be done at that pace. Unknown until the
 * page has watched long enough to say, and while nothing finishes.
 */
export const PACE_WINDOW_MS = 5 * 60_000
export const MIN_PACE_SPAN_MS = 10_000

export interface RolloutPace {
  /** Executions finished per minute over the window; undefined until measurable. */
  readonly perMinute: number | undefined
  /** Milliseconds until every current execution is finished at that pace. */
  readonly etaMs: number | undefined
  readonly remaining: number
}

export function rolloutPace(timeline: ExecutionTimeline, nowMs: number): RolloutPace {
  const last = timeline.at(-1)
  if (last === undefined) return { perMinute: undefined, etaMs: undefined, remaining: 0 }
  const remaining = totalOf(last.counts) - finishedOf(last.counts)
  const windowStart = nowMs - PACE_WINDOW_MS
  // The newest point at or before the window's start is the baseline, so a
  // quiet stretch inside the window lowers the pace, as it should.
  let baseline = timeline[0]
  for (const point of timeline) {
    if (point.atMs <= windowStart) baseline = point
    else break
  }
  if (baseline === undefined) return { perMinute: undefined, etaMs: undefined, remaining }
  const spanMs = nowMs - Math.max(baseline.atMs, windowStart)
  if (spanMs < MIN_PACE_SPAN_MS) return { perMinute: undefined, etaMs: undefined, remaining }
  const finished = finishedOf(last.counts) - finishedOf(baseline.counts)
  const perMinute = Math.max(0, (finished / spanMs) * 60_000)
  if (remaining === 0) return { perMinute, etaMs: 0, remaining }
  const etaMs = perMinute > 0 ? (remaining / perMinute) * 60_000 : undefined
  return { perMinute, etaMs, remaining }
}
