import type { JobExecutionRecord } from '../state/records.ts'
import type { JobEngine } from './job-engine.ts'

/**
 * A thing's pending job executions in the order AWS IoT Jobs hands them out:
 * IN_PROGRESS before QUEUED, each in the order they were queued. The head is
 * what StartNextPendingJobExecution and `$next` return, and what
 * `notify-next` announces. Executions of a job being deleted are no longer
 * pending.
 * https://docs.aws.amazon.com/iot/latest/developerguide/jobs-comm-notifications.html
 */
export function orderPending(
  latestPerJob: readonly JobExecutionRecord[],
  isLiveJob: (jobId: string) => boolean,
): JobExecutionRecord[] {
  const live = latestPerJob
    .filter((execution) => execution.status === 'IN_PROGRESS' || execution.status === 'QUEUED')
    .filter((execution) => isLiveJob(execution.jobId))
  const byAge = (a: JobExecutionRecord, b: JobExecutionRecord) =>
    a.queuedAtMs - b.queuedAtMs || (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0)
  return [
    ...live.filter((execution) => execution.status === 'IN_PROGRESS').sort(byAge),
    ...live.filter((execution) => execution.status === 'QUEUED').sort(byAge),
  ]
}

export const isLiveJobIn =
  (engine: JobEngine) =>
  (jobId: string): boolean =>
    engine.getJob(jobId)?.status !== 'DELETION_IN_PROGRESS'

export function pendingExecutions(engine: JobEngine, thingName: string): JobExecutionRecord[] {
  return orderPending(engine.index.latestForThing(thingName), isLiveJobIn(engine))
}

/** Identifies one execution (one attempt of one job on one thing) across record versions. */
export const executionIdentity = (execution: JobExecutionRecord): string =>
  `${execution.jobId}|${execution.executionNumber}`
