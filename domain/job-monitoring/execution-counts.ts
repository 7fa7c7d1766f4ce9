import type { JobExecutionStatus } from '../job-execution-status.ts'

/**
 * How many executions of a job are in each status: the shape every
 * monitoring view draws. The counts come from DescribeJob's
 * `jobProcessDetails` (the source of truth for totals) and, between two
 * DescribeJob calls, from job events: never from listing executions.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_JobProcessDetails.html
 */
export type ExecutionCounts = Readonly<Record<JobExecutionStatus, number>>

export const EMPTY_COUNTS: ExecutionCounts = {
  QUEUED: 0,
  IN_PROGRESS: 0,
  SUCCEEDED: 0,
  FAILED: 0,
  TIMED_OUT: 0,
  REJECTED: 0,
  REMOVED: 0,
  CANCELED: 0,
}

/** DescribeJob's counter names, per status. */
export interface JobProcessCounters {
  readonly numberOfQueuedThings?: number | undefined
  readonly numberOfInProgressThings?: number | undefined
  readonly numberOfSucceededThings?: number | undefined
  readonly numberOfFailedThings?: number | undefined
  readonly numberOfTimedOutThings?: number | undefined
  readonly numberOfRejectedThings?: number | undefined
  readonly numberOfRemovedThings?: number | undefined
  readonly numberOfCanceledThings?: number | undefined
}

const whole = (value: number | undefined): number =>
  value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0

export function countsFromProcessDetails(details: JobProcessCounters | undefined): ExecutionCounts {
  return {
    QUEUED: whole(details?.numberOfQueuedThings),
    IN_PROGRESS: whole(details?.numberOfInProgressThings),
    SUCCEEDED: whole(details?.numberOfSucceededThings),
    FAILED: whole(details?.numberOfFailedThings),
    TIMED_OUT: whole(details?.numberOfTimedOutThings),
    REJECTED: whole(details?.numberOfRejectedThings),
    REMOVED: whole(details?.numberOfRemovedThings),
    CANCELED: whole(details?.numberOfCanceledThings),
  }
}

export const totalOf = (counts: ExecutionCounts): number =>
  Object.values(counts).reduce((sum, count) => sum + count, 0)

/** Executions that reached a status with no way back. */
export const finishedOf = (counts: ExecutionCounts): number =>
  counts.SUCCEEDED +
  counts.FAILED +
  counts.TIMED_OUT +
  counts.REJECTED +
  counts.REMOVED +
  counts.CANCELED

/** Executions whose device did not end with the change. */
export const failedOf = (counts: ExecutionCounts): number =>
  counts.FAILED + counts.TIMED_OUT + counts.REJECTED

export const sameCounts = (a: ExecutionCounts, b: ExecutionCounts): boolean =>
  (Object.keys(a) as JobExecutionStatus[]).every((status) => a[status] === b[status])

/**
 * Moves one execution per terminal event out of IN_PROGRESS (or QUEUED when
 * none is in progress: a device may go from QUEUED to a terminal status in
 * one update) into its status; cancels and removals take from QUEUED first.
 * Job events exist only for terminal statuses, so this is an estimate until
 * the next DescribeJob replaces it; it never makes a count negative and
 * never changes the total.
 */
export function applyTerminalStatuses(
  counts: ExecutionCounts,
  statuses: readonly JobExecutionStatus[],
): ExecutionCounts {
  const next: Record<JobExecutionStatus, number> = { ...counts }
  for (const status of statuses) {
    if (status === 'QUEUED' || status === 'IN_PROGRESS') continue
    // Cancels and removals mostly end queued executions (a cancel without
    // force touches nothing else); devices end in-progress ones.
    const from: readonly ('QUEUED' | 'IN_PROGRESS')[] =
      status === 'CANCELED' || status === 'REMOVED'
        ? ['QUEUED', 'IN_PROGRESS']
        : ['IN_PROGRESS', 'QUEUED']
    const source = from.find((candidate) => next[candidate] > 0)
    if (source === undefined) continue
    next[source] -= 1
    next[status] += 1
  }
  return next
}
