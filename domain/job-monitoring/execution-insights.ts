import type { JobExecutionStatus } from '../job-execution-status.ts'

/**
 * What the devices of one job said when their executions ended: how long the
 * download took (`downloadMs`) and, for failures, why (`reason`). Gathered
 * from job events and from a bounded sample of DescribeJobExecution calls,
 * one entry per thing (the newest wins), so an event and a sampled
 * description of the same execution count once.
 */
export interface ExecutionObservation {
  readonly thingName: string
  readonly status: JobExecutionStatus
  readonly statusDetails?: Readonly<Record<string, unknown>> | undefined
}

interface Observed {
  readonly status: JobExecutionStatus
  readonly downloadMs: number | undefined
  readonly reason: string | undefined
}

export interface ExecutionInsights {
  /**
   * Grows only, and is shared by successive versions: copying a map of
   * 100,000 devices four times a second would cost more than the page can
   * spare. The wrapper is new per change, so React and TanStack see it.
   */
  readonly byThing: ReadonlyMap<string, Observed>
  readonly version: number
}

export const EMPTY_INSIGHTS: ExecutionInsights = { byThing: new Map(), version: 0 }

const FAILED_STATUSES: ReadonlySet<JobExecutionStatus> = new Set([
  'FAILED',
  'TIMED_OUT',
  'REJECTED',
])

/** A TIMED_OUT execution has no device reason: AWS ended it. */
const TIMED_OUT_REASON = 'timed out (no answer from the device in time)'
export const NO_REASON = 'no reason given'

function downloadMsOf(details: ExecutionObservation['statusDetails']): number | undefined {
  const value = details?.['downloadMs']
  const number = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN
  return Number.isFinite(number) ? number : undefined
}

function reasonOf(observation: ExecutionObservation): string | undefined {
  if (!FAILED_STATUSES.has(observation.status)) return undefined
  const reason = observation.statusDetails?.['reason']
  if (typeof reason === 'string' && reason.trim() !== '') return reason.trim().slice(0, 200)
  return observation.status === 'TIMED_OUT' ? TIMED_OUT_REASON : NO_REASON
}

export function observeExecutions(
  insights: ExecutionInsights,
  observations: readonly ExecutionObservation[],
): ExecutionInsights {
  if (observations.length === 0) return insights
  // EMPTY_INSIGHTS is shared by every job: it is never written to.
  const byThing =
    insights === EMPTY_INSIGHTS
      ? new Map<string, Observed>()
      : (insights.byThing as Map<string, Observed>)
  for (const observation of observations) {
    byThing.set(observation.thingName, {
      status: observation.status,
      downloadMs: downloadMsOf(observation.statusDetails),
      reason: reasonOf(observation),
    })
  }
  return { byThing, version: insights.version + 1 }
}

export interface DownloadPercentiles {
  readonly samples: number
  readonly p50: number | undefined
  readonly p95: number | undefined
  readonly p99: number | undefined
}

/** Nearest-rank percentile of sorted values: the smallest value with p % at or below it. */
export function nearestRank(sorted: readonly number[], percent: number): number | undefined {
  if (sorted.length === 0) return undefined
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length))
  return sorted[Math.min(rank, sorted.length) - 1]
}

export function downloadPercentiles(insights: ExecutionInsights): DownloadPercentiles {
  const values: number[] = []
  for (const observed of insights.byThing.values())
    if (observed.downloadMs !== undefined) values.push(observed.downloadMs)
  values.sort((a, b) => a - b)
  return {
    samples: values.length,
    p50: nearestRank(values, 50),
    p95: nearestRank(values, 95),
    p99: nearestRank(values, 99),
  }
}

export interface FailureReasonCount {
  readonly reason: string
  readonly count: number
}

/** Failure reasons, most frequent first (ties by name, so the order is stable). */
export function failureReasons(insights: ExecutionInsights): {
  readonly reasons: readonly FailureReasonCount[]
  readonly observedFailures: number
} {
  const counts = new Map<string, number>()
  let observedFailures = 0
  for (const observed of insights.byThing.values()) {
    if (observed.reason === undefined) continue
    observedFailures += 1
    counts.set(observed.reason, (counts.get(observed.reason) ?? 0) + 1)
  }
  const reasons = [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
  return { reasons, observedFailures }
}
