import { sameCounts, type ExecutionCounts } from './execution-counts.ts'

/**
 * A job's counts over time, as the page saw them: one point per change,
 * at most one per second (a burst of events becomes one step), and a
 * bounded number of points so a page left open for days stays light:
 * past the bound, every other point of the older half is dropped.
 */
export interface TimelinePoint {
  readonly atMs: number
  readonly counts: ExecutionCounts
}

export type ExecutionTimeline = readonly TimelinePoint[]

export const TIMELINE_RESOLUTION_MS = 1_000
export const MAX_TIMELINE_POINTS = 600

function thinned(points: readonly TimelinePoint[]): TimelinePoint[] {
  const half = Math.floor(points.length / 2)
  const older = points.slice(0, half).filter((_, index) => index % 2 === 0)
  return [...older, ...points.slice(half)]
}

export function appendToTimeline(
  timeline: ExecutionTimeline,
  atMs: number,
  counts: ExecutionCounts,
): ExecutionTimeline {
  const last = timeline.at(-1)
  if (last !== undefined) {
    if (sameCounts(last.counts, counts)) return timeline
    // A clock step backwards (or an out-of-order update) must not fold the chart back on itself.
    const at = Math.max(atMs, last.atMs)
    if (at - last.atMs < TIMELINE_RESOLUTION_MS) {
      const previous = timeline.at(-2)
      // Coalescing back to the point before would leave a flat duplicate: drop the step instead.
      if (previous !== undefined && sameCounts(previous.counts, counts))
        return timeline.slice(0, -1)
      return [...timeline.slice(0, -1), { atMs: last.atMs, counts }]
    }
    const next = [...timeline, { atMs: at, counts }]
    return next.length > MAX_TIMELINE_POINTS ? thinned(next) : next
  }
  return [{ atMs, counts }]
}
