/**
 * A job's progress from the counters DescribeJob returns in
 * `jobProcessDetails`, never from listing its executions: one call per job
 * however large the fleet. An execution is finished once it reaches a
 * terminal status (SUCCEEDED, FAILED, REJECTED, CANCELED, TIMED_OUT,
 * REMOVED); the total counts only executions that exist so far, so a job
 * still rolling out (or a CONTINUOUS one gaining members) can grow it.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_JobProcessDetails.html
 */
export interface JobCounters {
  readonly numberOfQueuedThings?: number | undefined
  readonly numberOfInProgressThings?: number | undefined
  readonly numberOfSucceededThings?: number | undefined
  readonly numberOfFailedThings?: number | undefined
  readonly numberOfRejectedThings?: number | undefined
  readonly numberOfCanceledThings?: number | undefined
  readonly numberOfTimedOutThings?: number | undefined
  readonly numberOfRemovedThings?: number | undefined
}

export interface JobProgress {
  readonly total: number
  readonly finished: number
  readonly succeeded: number
  /** FAILED, REJECTED and TIMED_OUT: the device did not end up with the change. */
  readonly failed: number
  /** CANCELED and REMOVED: the job, not the device, ended them. */
  readonly stopped: number
  readonly inProgress: number
  readonly queued: number
  /** 0–100, whole; 0 while there are no executions. */
  readonly percent: number
}

const count = (value: number | undefined): number =>
  value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0

export function jobProgressOf(counters: JobCounters | undefined): JobProgress {
  const succeeded = count(counters?.numberOfSucceededThings)
  const failed =
    count(counters?.numberOfFailedThings) +
    count(counters?.numberOfRejectedThings) +
    count(counters?.numberOfTimedOutThings)
  const stopped = count(counters?.numberOfCanceledThings) + count(counters?.numberOfRemovedThings)
  const inProgress = count(counters?.numberOfInProgressThings)
  const queued = count(counters?.numberOfQueuedThings)
  const finished = succeeded + failed + stopped
  const total = finished + inProgress + queued
  // Floor, so 100 % means every execution has finished, never 99.6 % rounded up.
  const percent = total === 0 ? 0 : Math.floor((finished / total) * 100)
  return { total, finished, succeeded, failed, stopped, inProgress, queued, percent }
}

/** One line for the bar's additional info: only the kinds that occur. */
export function jobProgressSummary(progress: JobProgress): string {
  if (progress.total === 0) return 'No devices yet'
  const parts = [
    progress.succeeded > 0 ? `${progress.succeeded} succeeded` : undefined,
    progress.failed > 0 ? `${progress.failed} failed or rejected` : undefined,
    progress.stopped > 0 ? `${progress.stopped} canceled or removed` : undefined,
    progress.inProgress > 0 ? `${progress.inProgress} in progress` : undefined,
    progress.queued > 0 ? `${progress.queued} queued` : undefined,
  ].filter((part): part is string => part !== undefined)
  return parts.join(', ')
}
