/**
 * The arithmetic of bench/dashboard, apart from the browser and the servers:
 * percentiles, frame statistics, and the matching of the driver's updates to
 * what the page drew.
 */

/** The nearest-rank percentile (share 0–1) of unsorted values; undefined when there are none. */
export function percentile(values: readonly number[], share: number): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(share * sorted.length)))
  return sorted[rank - 1]
}

export const median = (values: readonly number[]) => percentile(values, 0.5)

/** A frame that took longer than this is one the reader saw stutter (three 60 Hz frames). */
export const DROPPED_FRAME_MS = 50

export interface FrameFigures {
  readonly frames: number
  readonly p50Ms: number | undefined
  readonly p95Ms: number | undefined
  readonly maxMs: number | undefined
  /** Frames longer than DROPPED_FRAME_MS. */
  readonly dropped: number
}

/** Statistics of requestAnimationFrame deltas (the time between two painted frames). */
export function frameFigures(deltasMs: readonly number[]): FrameFigures {
  return {
    frames: deltasMs.length,
    p50Ms: percentile(deltasMs, 0.5),
    p95Ms: percentile(deltasMs, 0.95),
    maxMs: deltasMs.length === 0 ? undefined : Math.max(...deltasMs),
    dropped: deltasMs.filter((delta) => delta > DROPPED_FRAME_MS).length,
  }
}

export interface LongTask {
  readonly startTime: number
  readonly duration: number
}

export interface LongTaskFigures {
  readonly count: number
  readonly totalMs: number
  readonly maxMs: number
  /** Share of the window the main thread spent in long tasks. */
  readonly busyShare: number
}

/** Long tasks that started within [fromMs, untilMs] of the page's clock (performance.now()). */
export function longTaskFigures(
  tasks: readonly LongTask[],
  fromMs: number,
  untilMs: number,
): LongTaskFigures {
  const inside = tasks.filter((task) => task.startTime >= fromMs && task.startTime <= untilMs)
  const totalMs = inside.reduce((sum, task) => sum + task.duration, 0)
  return {
    count: inside.length,
    totalMs,
    maxMs: inside.reduce((max, task) => Math.max(max, task.duration), 0),
    busyShare: untilMs > fromMs ? totalMs / (untilMs - fromMs) : 0,
  }
}

/**
 * A running count the page reached at `atMs` (Date.now()): succeeded +
 * failed as the breakdown drew them, or job-execution events received.
 */
export interface CountObservation {
  readonly atMs: number
  readonly count: number
}

export interface LatencyFigures {
  /** Terminal updates made by the driver. */
  readonly updates: number
  /** Of those, how many the page's count reached before the end. */
  readonly matched: number
  readonly p50Ms: number | undefined
  readonly p95Ms: number | undefined
  readonly maxMs: number | undefined
}

/**
 * From a device's terminal update to the page: the k-th terminal update,
 * made at t_k (ascending), is on the page from the first observation o_k at
 * which the count reached `baseline + k`; its latency is o_k − t_k. The
 * drawn counts also move by DescribeJob's answers, may run ahead of the
 * updates made (see maxOvercount: then a latency comes out early, even
 * below zero) and may go back down; only the first time a count is reached
 * matters. Updates the page never reached are left out of the percentiles.
 */
export function updateLatencies(
  updateTimesMs: readonly number[],
  observations: readonly CountObservation[],
  baseline: number,
): number[] {
  // Time at which each count was first reached, as a running maximum.
  const reachedAt: number[] = []
  let highest = baseline
  for (const { atMs, count } of [...observations].sort((a, b) => a.atMs - b.atMs)) {
    for (let reached = highest + 1; reached <= count; reached += 1) reachedAt.push(atMs)
    highest = Math.max(highest, count)
  }
  return updateTimesMs.flatMap((updatedAtMs, index) => {
    const observedAtMs = reachedAt[index]
    return observedAtMs === undefined ? [] : [observedAtMs - updatedAtMs]
  })
}

export function latencyFigures(latenciesMs: readonly number[], updates: number): LatencyFigures {
  return {
    updates,
    matched: latenciesMs.length,
    p50Ms: percentile(latenciesMs, 0.5),
    p95Ms: percentile(latenciesMs, 0.95),
    maxMs: latenciesMs.length === 0 ? undefined : Math.max(...latenciesMs),
  }
}

/**
 * How far the drawn count ran ahead of the updates actually made by then
 * (at most): events applied on top of a DescribeJob answer that already
 * counted them, until the next answer puts it right.
 */
export function maxOvercount(
  updateTimesMs: readonly number[],
  observations: readonly CountObservation[],
  baseline: number,
): number {
  let made = 0
  let most = 0
  for (const { atMs, count } of [...observations].sort((a, b) => a.atMs - b.atMs)) {
    while (made < updateTimesMs.length && (updateTimesMs[made] ?? Infinity) <= atMs) made += 1
    most = Math.max(most, count - baseline - made)
  }
  return most
}
