import {
  isJobExecutionStatus,
  isTerminalJobExecutionStatus,
  transitionJobExecution,
} from '../../domain/job-execution-status.ts'
import type { JobExecutionRecord } from '../state/records.ts'
import type { DeviceDocuments } from './device-documents.ts'
import { DeviceRejection } from './device-rejection.ts'
import type { DescribeRequest, StartNextRequest, UpdateRequest } from './device-requests.ts'
import type { JobEngine } from './job-engine.ts'
import { pendingExecutions } from './pending-queue.ts'

/**
 * What a device may ask of AWS IoT Jobs, once, for both planes: the HTTPS
 * data plane (operations/device-jobs.ts) and the MQTT API
 * (mqtt/jobs-mqtt-api.ts) only read their wire form and render these results
 * or rejections, so a device may start a job over one and finish it over the
 * other. Each operation changes state before its first await, so no other
 * request interleaves between reading an execution and moving it; the
 * caller makes the change durable before it answers.
 * https://docs.aws.amazon.com/iot/latest/developerguide/jobs-mqtt-https-api.html
 */
export interface DeviceApi {
  readonly engine: JobEngine
  /** The job document as a device receives it, pre-signed URL placeholders resolved. */
  readonly documents: DeviceDocuments
}

/** GetPendingJobExecutions and ListNotification list at most 10 executions. */
export const MAX_PENDING_EXECUTIONS = 10

export interface PendingJobExecutions {
  readonly inProgressJobs: JobExecutionRecord[]
  readonly queuedJobs: JobExecutionRecord[]
}

export interface DeliveredExecution {
  /** Absent when `$next` finds nothing pending. */
  readonly execution?: JobExecutionRecord
  /** The document as a string, as stored; the MQTT plane sends it as an object. */
  readonly jobDocument?: string
}

export interface UpdatedExecution {
  readonly execution: JobExecutionRecord
  readonly includeJobExecutionState: boolean
  readonly jobDocument?: string
}

function missingThing(api: DeviceApi, thingName: string): DeviceRejection | undefined {
  return api.engine.registry.getThing(thingName) === undefined
    ? new DeviceRejection('ResourceNotFound', `Thing ${thingName} cannot be found.`)
    : undefined
}

function findExecution(
  api: DeviceApi,
  jobId: string,
  thingName: string,
  executionNumber: number | undefined,
): JobExecutionRecord | DeviceRejection {
  const execution =
    executionNumber === undefined
      ? api.engine.index.latest(jobId, thingName)
      : api.engine.index.get(jobId, thingName, executionNumber)
  return (
    execution ??
    new DeviceRejection(
      'ResourceNotFound',
      `No execution of job ${jobId} on thing ${thingName} was found.`,
    )
  )
}

export function getPendingJobExecutions(
  api: DeviceApi,
  thingName: string,
): PendingJobExecutions | DeviceRejection {
  const missing = missingThing(api, thingName)
  if (missing !== undefined) return missing
  const executions = pendingExecutions(api.engine, thingName).slice(0, MAX_PENDING_EXECUTIONS)
  return {
    inProgressJobs: executions.filter((execution) => execution.status === 'IN_PROGRESS'),
    queuedJobs: executions.filter((execution) => execution.status === 'QUEUED'),
  }
}

/**
 * Starts the head of the queue, or hands back the one already in progress
 * unchanged ("If the next pending job execution is already IN_PROGRESS, its
 * status details are not changed").
 */
export async function startNextPendingJobExecution(
  api: DeviceApi,
  thingName: string,
  request: StartNextRequest,
): Promise<DeliveredExecution | DeviceRejection> {
  const missing = missingThing(api, thingName)
  if (missing !== undefined) return missing
  const next = pendingExecutions(api.engine, thingName)[0]
  if (next === undefined) return {}
  let execution = next
  if (next.status === 'QUEUED') {
    execution = api.engine.moveExecution(next, 'IN_PROGRESS', {
      actor: 'device',
      ...(request.statusDetails === undefined ? {} : { statusDetails: request.statusDetails }),
    })
    execution = api.engine.setStepDeadline(execution, request.stepTimeoutInMinutes)
  }
  return { execution, jobDocument: await api.documents(execution.jobId) }
}

/**
 * DescribeJobExecution by job id or `$next`. Describing an execution that
 * has ended is TerminalStateReached (TerminalStateException over HTTPS):
 * "occurs when a command to describe a job is performed on a job that is in
 * a terminal state". The device API is for work still to do; operators read
 * ended executions on the control plane.
 */
export async function describeJobExecution(
  api: DeviceApi,
  thingName: string,
  jobId: string,
  request: DescribeRequest,
): Promise<DeliveredExecution | DeviceRejection> {
  const missing = missingThing(api, thingName)
  if (missing !== undefined) return missing
  let execution: JobExecutionRecord | undefined
  if (jobId === '$next') {
    execution = pendingExecutions(api.engine, thingName)[0]
  } else {
    const found = findExecution(api, jobId, thingName, request.executionNumber)
    if (found instanceof DeviceRejection) return found
    if (isTerminalJobExecutionStatus(found.status)) {
      return new DeviceRejection(
        'TerminalStateReached',
        `The execution of job ${jobId} on thing ${thingName} is ${found.status}, a terminal status.`,
      )
    }
    execution = found
  }
  if (execution === undefined) return {}
  return {
    execution,
    ...(request.includeJobDocument ? { jobDocument: await api.documents(execution.jobId) } : {}),
  }
}

/**
 * UpdateJobExecution: a device may set only IN_PROGRESS, SUCCEEDED, FAILED
 * or REJECTED, on an execution that has not ended; a stale expectedVersion
 * is VersionMismatch. Both refusals carry the execution's current state.
 */
export async function updateJobExecution(
  api: DeviceApi,
  thingName: string,
  jobId: string,
  request: UpdateRequest,
): Promise<UpdatedExecution | DeviceRejection> {
  const { status } = request
  if (!isJobExecutionStatus(status))
    return new DeviceRejection('InvalidRequest', `${status} is not a job execution status.`)
  // The model's jobId pattern is [a-zA-Z0-9_-]+: `$next` names no execution to update.
  if (jobId === '$next')
    return new DeviceRejection('InvalidRequest', 'UpdateJobExecution needs a job id, not $next.')
  const missing = missingThing(api, thingName)
  if (missing !== undefined) return missing
  const current = findExecution(api, jobId, thingName, request.executionNumber)
  if (current instanceof DeviceRejection) return current
  if (request.expectedVersion !== undefined && request.expectedVersion !== current.versionNumber) {
    return new DeviceRejection(
      'VersionMismatch',
      `The execution's version is ${current.versionNumber}, not ${request.expectedVersion}.`,
      current,
    )
  }
  const check = transitionJobExecution(current.status, { to: status, actor: 'device' })
  if (!check.ok) {
    return check.code === 'InvalidRequest'
      ? new DeviceRejection('InvalidRequest', check.message)
      : new DeviceRejection('InvalidStateTransition', check.message, current)
  }
  let execution = api.engine.moveExecution(current, status, {
    actor: 'device',
    ...(request.statusDetails === undefined ? {} : { statusDetails: request.statusDetails }),
  })
  if (status === 'IN_PROGRESS')
    execution = api.engine.setStepDeadline(execution, request.stepTimeoutInMinutes)
  return {
    execution,
    includeJobExecutionState: request.includeJobExecutionState,
    ...(request.includeJobDocument ? { jobDocument: await api.documents(jobId) } : {}),
  }
}
