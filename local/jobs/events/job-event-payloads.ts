import type { JobExecutionStatus } from '../../../domain/job-execution-status.ts'
import { arns } from '../../arns.ts'
import type { JobExecutionRecord, JobRecord } from '../../state/records.ts'
import type { StatusCounts } from '../job-index.ts'

/**
 * The payloads of AWS IoT Jobs events, as the developer guide shows them
 * (https://docs.aws.amazon.com/iot/latest/developerguide/events-jobs.html).
 * Its examples give `timestamp` in epoch seconds (1234567890) and the job's
 * createdAt, lastUpdatedAt and completedAt in epoch milliseconds
 * (1234567890123); the local cloud follows them, with the units here only.
 */
export const EVENT_TIMESTAMP_UNIT_MS = 1000

export type JobOperation =
  'completed' | 'canceled' | 'deleted' | 'cancellation_in_progress' | 'deletion_in_progress'

export type JobExecutionOperation =
  'succeeded' | 'failed' | 'rejected' | 'canceled' | 'timed_out' | 'removed' | 'deleted'

/** The status each job event reports (DELETED and CANCELLATION_IN_PROGRESS exist only here). */
const JOB_EVENT_STATUS: Readonly<Record<JobOperation, string>> = {
  completed: 'COMPLETED',
  canceled: 'CANCELED',
  deleted: 'DELETED',
  cancellation_in_progress: 'CANCELLATION_IN_PROGRESS',
  deletion_in_progress: 'DELETION_IN_PROGRESS',
}

/** The terminal statuses that have an execution event; QUEUED and IN_PROGRESS have none. */
export const EXECUTION_EVENT_OPERATIONS: Readonly<
  Partial<Record<JobExecutionStatus, JobExecutionOperation>>
> = {
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  REJECTED: 'rejected',
  CANCELED: 'canceled',
  TIMED_OUT: 'timed_out',
  REMOVED: 'removed',
}

export interface EventStamp {
  readonly eventId: string
  /** Emulated epoch milliseconds when the event happened. */
  readonly atMs: number
}

export const jobEventTopic = (jobId: string, operation: JobOperation) =>
  `$aws/events/job/${jobId}/${operation}`

export const jobExecutionEventTopic = (jobId: string, operation: JobExecutionOperation) =>
  `$aws/events/jobExecution/${jobId}/${operation}`

/**
 * A JOB event. `completed` carries completedAt and the terminal counts of
 * jobProcessDetails (the guide lists canceled, rejected, failed, removed and
 * succeeded; timed-out is added so the counts add up); the cancel and delete
 * events carry the operator's comment.
 */
export function jobEvent(
  job: JobRecord,
  operation: JobOperation,
  stamp: EventStamp,
  counts: StatusCounts,
) {
  return {
    eventType: 'JOB',
    eventId: stamp.eventId,
    timestamp: Math.floor(stamp.atMs / EVENT_TIMESTAMP_UNIT_MS),
    operation,
    jobId: job.jobId,
    status: JOB_EVENT_STATUS[operation],
    targetSelection: job.targetSelection,
    targets: job.targets,
    description: job.description,
    createdAt: job.createdAtMs,
    lastUpdatedAt: job.lastUpdatedAtMs,
    ...(operation === 'completed'
      ? {
          completedAt: job.completedAtMs,
          jobProcessDetails: {
            numberOfCanceledThings: counts.CANCELED,
            numberOfRejectedThings: counts.REJECTED,
            numberOfFailedThings: counts.FAILED,
            numberOfRemovedThings: counts.REMOVED,
            numberOfSucceededThings: counts.SUCCEEDED,
            numberOfTimedOutThings: counts.TIMED_OUT,
          },
        }
      : { comment: job.comment }),
  }
}

/** A JOB_EXECUTION event: the execution's final status and statusDetails. */
export function jobExecutionEvent(
  execution: JobExecutionRecord,
  operation: JobExecutionOperation,
  stamp: EventStamp,
) {
  return {
    eventType: 'JOB_EXECUTION',
    eventId: stamp.eventId,
    timestamp: Math.floor(stamp.atMs / EVENT_TIMESTAMP_UNIT_MS),
    operation,
    jobId: execution.jobId,
    thingArn: arns.thing(execution.thingName),
    status: execution.status,
    statusDetails: execution.statusDetails,
  }
}
