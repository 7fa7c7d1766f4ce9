import { controlPlaneTime, dataPlaneTime } from '../edge/timestamps.ts'
import { arns } from '../arns.ts'
import type { JobExecutionRecord, JobRecord } from '../state/records.ts'
import type { JobEngine } from './job-engine.ts'
import { nextWindowStarts } from './maintenance-window.ts'
import { formatSchedulingTime } from '../../domain/job-config/scheduling.ts'

/** The JSON shapes of the IoT and jobs data plane models, built from stored records. */
export function jobProcessDetails(engine: JobEngine, job: JobRecord) {
  const counts = engine.index.countsFor(job.jobId)
  return {
    // "null after the job execution has finished rolling out".
    processingTargets: engine.isRollingOut(job) ? job.targets : undefined,
    numberOfCanceledThings: counts.CANCELED,
    numberOfSucceededThings: counts.SUCCEEDED,
    numberOfFailedThings: counts.FAILED,
    numberOfRejectedThings: counts.REJECTED,
    numberOfQueuedThings: counts.QUEUED,
    numberOfInProgressThings: counts.IN_PROGRESS,
    numberOfRemovedThings: counts.REMOVED,
    numberOfTimedOutThings: counts.TIMED_OUT,
  }
}

function isConcurrent(engine: JobEngine, job: JobRecord): boolean {
  const counts = engine.index.countsFor(job.jobId)
  const cancelling = job.status === 'CANCELED' && counts.QUEUED > 0
  return engine.isRollingOut(job) || cancelling
}

export function jobShape(engine: JobEngine, job: JobRecord) {
  const windows = job.schedulingConfig?.maintenanceWindows ?? []
  return {
    jobArn: job.jobArn,
    jobId: job.jobId,
    targetSelection: job.targetSelection,
    status: job.status,
    forceCanceled: job.forceCanceled,
    reasonCode: job.reasonCode,
    comment: job.comment,
    targets: job.targets,
    description: job.description,
    presignedUrlConfig: job.presignedUrlConfig,
    jobExecutionsRolloutConfig: job.jobExecutionsRolloutConfig,
    abortConfig: job.abortConfig,
    createdAt: controlPlaneTime(job.createdAtMs),
    lastUpdatedAt: controlPlaneTime(job.lastUpdatedAtMs),
    completedAt: controlPlaneTime(job.completedAtMs),
    jobProcessDetails: jobProcessDetails(engine, job),
    timeoutConfig: job.timeoutConfig,
    jobTemplateArn: job.jobTemplateArn,
    jobExecutionsRetryConfig: job.jobExecutionsRetryConfig,
    isConcurrent: isConcurrent(engine, job),
    schedulingConfig: job.schedulingConfig,
    scheduledJobRollouts:
      windows.length === 0
        ? undefined
        : nextWindowStarts(windows, engine.clock.now()).map((at) => ({
            startTime: formatSchedulingTime(at),
          })),
  }
}

export function jobSummaryShape(engine: JobEngine, job: JobRecord) {
  const group = job.targets
    .map((arn) => /:thinggroup\/(.+)$/.exec(arn)?.[1])
    .find((name) => name !== undefined)
  return {
    jobArn: job.jobArn,
    jobId: job.jobId,
    thingGroupId:
      group === undefined ? undefined : engine.registry.getThingGroup(group)?.thingGroupId,
    targetSelection: job.targetSelection,
    status: job.status,
    createdAt: controlPlaneTime(job.createdAtMs),
    lastUpdatedAt: controlPlaneTime(job.lastUpdatedAtMs),
    completedAt: controlPlaneTime(job.completedAtMs),
    isConcurrent: isConcurrent(engine, job),
  }
}

export function secondsBeforeTimedOut(
  engine: JobEngine,
  execution: JobExecutionRecord,
): number | undefined {
  const deadline = engine.deadlineOf(execution)
  return deadline === undefined
    ? undefined
    : Math.max(0, Math.ceil((deadline - engine.clock.now()) / 1000))
}

/** DescribeJobExecution on the control plane: statusDetails wrapped in detailsMap, no thingName, no document. */
export function controlPlaneExecutionShape(engine: JobEngine, execution: JobExecutionRecord) {
  return {
    jobId: execution.jobId,
    status: execution.status,
    forceCanceled: execution.forceCanceled,
    statusDetails: { detailsMap: execution.statusDetails },
    thingArn: arns.thing(execution.thingName),
    queuedAt: controlPlaneTime(execution.queuedAtMs),
    startedAt: controlPlaneTime(execution.startedAtMs),
    lastUpdatedAt: controlPlaneTime(execution.lastUpdatedAtMs),
    executionNumber: execution.executionNumber,
    versionNumber: execution.versionNumber,
    approximateSecondsBeforeTimedOut: secondsBeforeTimedOut(engine, execution),
  }
}

export function executionSummaryShape(execution: JobExecutionRecord) {
  return {
    status: execution.status,
    queuedAt: controlPlaneTime(execution.queuedAtMs),
    startedAt: controlPlaneTime(execution.startedAtMs),
    lastUpdatedAt: controlPlaneTime(execution.lastUpdatedAtMs),
    executionNumber: execution.executionNumber,
    retryAttempt: execution.retryAttempt,
  }
}

/** The jobs data plane's JobExecution: flat statusDetails, whole seconds, the document as a string. */
export function dataPlaneExecutionShape(
  engine: JobEngine,
  execution: JobExecutionRecord,
  jobDocument?: string,
) {
  return {
    jobId: execution.jobId,
    thingName: execution.thingName,
    status: execution.status,
    statusDetails: execution.statusDetails,
    queuedAt: dataPlaneTime(execution.queuedAtMs),
    startedAt: dataPlaneTime(execution.startedAtMs),
    lastUpdatedAt: dataPlaneTime(execution.lastUpdatedAtMs),
    approximateSecondsBeforeTimedOut: secondsBeforeTimedOut(engine, execution),
    versionNumber: execution.versionNumber,
    executionNumber: execution.executionNumber,
    jobDocument,
  }
}

export function pendingSummaryShape(execution: JobExecutionRecord) {
  return {
    jobId: execution.jobId,
    queuedAt: dataPlaneTime(execution.queuedAtMs),
    startedAt: dataPlaneTime(execution.startedAtMs),
    lastUpdatedAt: dataPlaneTime(execution.lastUpdatedAtMs),
    versionNumber: execution.versionNumber,
    executionNumber: execution.executionNumber,
  }
}
