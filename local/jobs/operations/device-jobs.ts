import { validateStatusDetails } from '../../../domain/status-details.ts'
import {
  isJobExecutionStatus,
  transitionJobExecution,
} from '../../../domain/job-execution-status.ts'
import { AwsError, invalidRequest, resourceNotFound } from '../../edge/aws-error.ts'
import {
  bodyObject,
  optionalBoolean,
  optionalInteger,
  optionalString,
  queryInteger,
  valid,
  type JsonObject,
} from '../../edge/input.ts'
import type { Operation } from '../../edge/service.ts'
import type { JobExecutionRecord } from '../../state/records.ts'
import type { DeviceDocuments } from '../device-documents.ts'
import type { JobEngine } from '../job-engine.ts'
import { dataPlaneExecutionShape, pendingSummaryShape } from '../job-shapes.ts'
import { requireExecution } from './executions.ts'

/**
 * The HTTPS jobs data plane (signing name iot-jobs-data): what a device calls.
 * Refusals follow the iot-jobs-data model: a move the lifecycle forbids, or a
 * stale expectedVersion, is 409 InvalidStateTransitionException carrying the
 * current executionState; a status only the service may set is 400.
 */
export const MAX_PENDING_EXECUTIONS = 10
const MAX_STEP_TIMEOUT_MINUTES = 10_080

function requireThing(engine: JobEngine, thingName: string): void {
  if (engine.registry.getThing(thingName) === undefined)
    throw resourceNotFound(`Thing ${thingName} cannot be found.`)
}

/** Pending executions in the order devices take them: IN_PROGRESS first, then QUEUED, each oldest first. */
function pending(engine: JobEngine, thingName: string): JobExecutionRecord[] {
  const live = engine.index
    .latestForThing(thingName)
    .filter((execution) => execution.status === 'IN_PROGRESS' || execution.status === 'QUEUED')
    .filter((execution) => engine.getJob(execution.jobId)?.status !== 'DELETION_IN_PROGRESS')
  const byAge = (a: JobExecutionRecord, b: JobExecutionRecord) =>
    a.queuedAtMs - b.queuedAtMs || (a.jobId < b.jobId ? -1 : 1)
  return [
    ...live.filter((execution) => execution.status === 'IN_PROGRESS').sort(byAge),
    ...live.filter((execution) => execution.status === 'QUEUED').sort(byAge),
  ]
}

function stepTimeout(body: JsonObject, allowClear: boolean): number | undefined {
  const minutes = optionalInteger(body, 'stepTimeoutInMinutes')
  if (minutes === undefined || (allowClear && minutes === -1)) return minutes
  if (minutes < 1 || minutes > MAX_STEP_TIMEOUT_MINUTES) {
    throw invalidRequest(
      `stepTimeoutInMinutes must be from 1 to ${MAX_STEP_TIMEOUT_MINUTES}${allowClear ? ', or -1 to clear it' : ''}.`,
    )
  }
  return minutes
}

function statusDetails(body: JsonObject): Record<string, string> | undefined {
  return body.statusDetails === undefined || body.statusDetails === null
    ? undefined
    : { ...valid(validateStatusDetails(body.statusDetails), 'statusDetails') }
}

function rejectedWithState(message: string, execution: JobExecutionRecord): AwsError {
  return new AwsError('InvalidStateTransitionException', 409, message, {
    executionState: {
      status: execution.status,
      statusDetails: execution.statusDetails,
      versionNumber: execution.versionNumber,
    },
  })
}

export const getPendingJobExecutions = (engine: JobEngine): Operation => ({
  name: 'GetPendingJobExecutions',
  handle: ({ params }) => {
    const thingName = params.thingName ?? ''
    requireThing(engine, thingName)
    const executions = pending(engine, thingName).slice(0, MAX_PENDING_EXECUTIONS)
    return {
      inProgressJobs: executions
        .filter((execution) => execution.status === 'IN_PROGRESS')
        .map(pendingSummaryShape),
      queuedJobs: executions
        .filter((execution) => execution.status === 'QUEUED')
        .map(pendingSummaryShape),
    }
  },
})

// Handlers change state before their first await, so no other request can
// interleave between reading an execution and moving it.
export const startNextPendingJobExecution = (
  engine: JobEngine,
  documentFor: DeviceDocuments,
): Operation => ({
  name: 'StartNextPendingJobExecution',
  handle: async ({ params, body: rawBody }) => {
    const body = bodyObject(rawBody)
    const thingName = params.thingName ?? ''
    requireThing(engine, thingName)
    const details = statusDetails(body)
    const minutes = stepTimeout(body, false)
    const next = pending(engine, thingName)[0]
    if (next === undefined) return {}
    let execution = next
    if (next.status === 'QUEUED') {
      execution = engine.moveExecution(next, 'IN_PROGRESS', {
        actor: 'device',
        ...(details === undefined ? {} : { statusDetails: details }),
      })
      execution = engine.setStepDeadline(execution, minutes)
    }
    const document = await documentFor(next.jobId)
    return { execution: dataPlaneExecutionShape(engine, execution, document) }
  },
})

export const describeDeviceJobExecution = (
  engine: JobEngine,
  documentFor: DeviceDocuments,
): Operation => ({
  name: 'DescribeJobExecution',
  handle: async ({ params, query }) => {
    const thingName = params.thingName ?? ''
    requireThing(engine, thingName)
    const jobId = params.jobId ?? ''
    const number = queryInteger(query, 'executionNumber', 0, Number.MAX_SAFE_INTEGER)
    const execution =
      jobId === '$next'
        ? pending(engine, thingName)[0]
        : requireExecution(engine, jobId, thingName, number)
    if (execution === undefined) return {}
    const includeDocument = query.get('includeJobDocument') !== 'false'
    const document = includeDocument ? await documentFor(execution.jobId) : undefined
    return { execution: dataPlaneExecutionShape(engine, execution, document) }
  },
})

export const updateJobExecution = (engine: JobEngine, documentFor: DeviceDocuments): Operation => ({
  name: 'UpdateJobExecution',
  handle: async ({ params, body: rawBody }) => {
    const body = bodyObject(rawBody)
    const thingName = params.thingName ?? ''
    const jobId = params.jobId ?? ''
    requireThing(engine, thingName)
    const status = optionalString(body, 'status')
    if (status === undefined) throw invalidRequest('status is required on every update.')
    if (!isJobExecutionStatus(status))
      throw invalidRequest(`${status} is not a job execution status.`)
    const details = statusDetails(body)
    const minutes = stepTimeout(body, true)
    const number = optionalInteger(body, 'executionNumber')
    const current = requireExecution(engine, jobId, thingName, number)
    const expectedVersion = optionalInteger(body, 'expectedVersion')
    if (expectedVersion !== undefined && expectedVersion !== current.versionNumber) {
      throw rejectedWithState(
        `The execution's version is ${current.versionNumber}, not ${expectedVersion}.`,
        current,
      )
    }
    const check = transitionJobExecution(current.status, { to: status, actor: 'device' })
    if (!check.ok) {
      if (check.code === 'InvalidRequest') throw invalidRequest(check.message)
      throw rejectedWithState(check.message, current)
    }
    let execution = engine.moveExecution(current, status, {
      actor: 'device',
      ...(details === undefined ? {} : { statusDetails: details }),
    })
    if (status === 'IN_PROGRESS') execution = engine.setStepDeadline(execution, minutes)
    const document =
      optionalBoolean(body, 'includeJobDocument') === true ? await documentFor(jobId) : undefined
    return {
      executionState:
        optionalBoolean(body, 'includeJobExecutionState') === true
          ? {
              status: execution.status,
              statusDetails: execution.statusDetails,
              versionNumber: execution.versionNumber,
            }
          : undefined,
      jobDocument: document,
    }
  },
})
