import {
  failedOf,
  finishedOf,
  totalOf,
  type ExecutionCounts,
} from '@domain/job-monitoring/execution-counts.ts'
import { MAX_SHOWN_JOBS } from './wall-schedule.ts'

/**
 * The active jobs the wall shows: newest first (ListJobs' order is not
 * documented), at most MAX_SHOWN_JOBS, since each costs a DescribeJob on
 * the wall's schedule. `more` says how many were left out.
 */
export interface ActiveJobSummary {
  readonly jobId: string
  readonly createdAtMs: number | undefined
}

export function shownActiveJobs(
  jobs: readonly ActiveJobSummary[],
  max = MAX_SHOWN_JOBS,
): { readonly jobIds: readonly string[]; readonly more: number } {
  const sorted = [...jobs].sort(
    (a, b) => (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0) || a.jobId.localeCompare(b.jobId),
  )
  const jobIds = [...new Set(sorted.map((job) => job.jobId))]
  return { jobIds: jobIds.slice(0, max), more: Math.max(0, jobIds.length - max) }
}

export interface RolloutProgress {
  readonly total: number
  readonly finished: number
  readonly succeeded: number
  /** FAILED, REJECTED and TIMED_OUT. */
  readonly failed: number
  readonly inProgress: number
  readonly queued: number
  /** Whole percent finished, floored: 100 only when every execution has finished. */
  readonly percent: number
}

export function rolloutProgress(counts: ExecutionCounts): RolloutProgress {
  const total = totalOf(counts)
  const finished = finishedOf(counts)
  return {
    total,
    finished,
    succeeded: counts.SUCCEEDED,
    failed: failedOf(counts),
    inProgress: counts.IN_PROGRESS,
    queued: counts.QUEUED,
    percent: total === 0 ? 0 : Math.floor((finished / total) * 100),
  }
}
