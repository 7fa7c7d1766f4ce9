import { AwsError, invalidRequest, resourceNotFound } from '../../edge/aws-error.ts'
import { bodyObject, queryInteger } from '../../edge/input.ts'
import type { Operation } from '../../edge/service.ts'
import {
  describeJobExecution,
  getPendingJobExecutions,
  startNextPendingJobExecution,
  updateJobExecution,
  type DeviceApi,
} from '../device-api.ts'
import { DeviceRejection, executionState } from '../device-rejection.ts'
import { readStartNextRequest, readUpdateRequest } from '../device-requests.ts'
import { dataPlaneExecutionShape, pendingSummaryShape } from '../job-shapes.ts'

/**
 * The HTTPS jobs data plane (signing name iot-jobs-data): the device
 * operations of device-api.ts in the iot-jobs-data model's wire form. A move
 * the lifecycle forbids, or a stale expectedVersion, is 409
 * InvalidStateTransitionException carrying the current executionState (the
 * model has no VersionMismatch); describing an ended execution is 410
 * TerminalStateException.
 */
function awsErrorOf(rejection: DeviceRejection): AwsError {
  const { code, message, execution } = rejection
  switch (code) {
    case 'InvalidRequest':
      return invalidRequest(message)
    case 'ResourceNotFound':
      return resourceNotFound(message)
    case 'TerminalStateReached':
      return new AwsError('TerminalStateException', 410, message)
    case 'InvalidStateTransition':
    case 'VersionMismatch':
      return new AwsError(
        'InvalidStateTransitionException',
        409,
        message,
        execution === undefined ? {} : { executionState: executionState(execution) },
      )
  }
}

function settled<T>(result: T | DeviceRejection): T {
  if (result instanceof DeviceRejection) throw awsErrorOf(result)
  return result
}

export const getPendingJobExecutionsOperation = (api: DeviceApi): Operation => ({
  name: 'GetPendingJobExecutions',
  handle: ({ params }) => {
    const pending = settled(getPendingJobExecutions(api, params.thingName ?? ''))
    return {
      inProgressJobs: pending.inProgressJobs.map(pendingSummaryShape),
      queuedJobs: pending.queuedJobs.map(pendingSummaryShape),
    }
  },
})

export const startNextPendingJobExecutionOperation = (api: DeviceApi): Operation => ({
  name: 'StartNextPendingJobExecution',
  handle: async ({ params, body }) => {
    const request = settled(readStartNextRequest(bodyObject(body)))
    const { execution, jobDocument } = settled(
      await startNextPendingJobExecution(api, params.thingName ?? '', request),
    )
    return execution === undefined
      ? {}
      : { execution: dataPlaneExecutionShape(api.engine, execution, jobDocument) }
  },
})

export const describeJobExecutionOperation = (api: DeviceApi): Operation => ({
  name: 'DescribeJobExecution',
  handle: async ({ params, query }) => {
    const executionNumber = queryInteger(query, 'executionNumber', 0, Number.MAX_SAFE_INTEGER)
    const { execution, jobDocument } = settled(
      await describeJobExecution(api, params.thingName ?? '', params.jobId ?? '', {
        executionNumber,
        includeJobDocument: query.get('includeJobDocument') !== 'false',
      }),
    )
    return execution === undefined
      ? {}
      : { execution: dataPlaneExecutionShape(api.engine, execution, jobDocument) }
  },
})

export const updateJobExecutionOperation = (api: DeviceApi): Operation => ({
  name: 'UpdateJobExecution',
  handle: async ({ params, body }) => {
    const request = settled(readUpdateRequest(bodyObject(body)))
    const updated = settled(
      await updateJobExecution(api, params.thingName ?? '', params.jobId ?? '', request),
    )
    return {
      executionState: updated.includeJobExecutionState
        ? executionState(updated.execution)
        : undefined,
      jobDocument: updated.jobDocument,
    }
  },
})
