import { validateStatusDetails } from '../../domain/status-details.ts'
import { invalidRequest } from '../edge/aws-error.ts'
import {
  optionalBoolean,
  optionalInteger,
  optionalString,
  valid,
  type JsonObject,
} from '../edge/input.ts'
import { readRequest, type DeviceRejection } from './device-rejection.ts'

/**
 * The device operations' inputs, read from the JSON object both planes send
 * for StartNextPendingJobExecution and UpdateJobExecution (the HTTPS body and
 * the MQTT payload carry the same members), and from the MQTT payload of
 * DescribeJobExecution (HTTPS puts those in the query string).
 * https://docs.aws.amazon.com/iot/latest/developerguide/jobs-mqtt-api.html
 */
export interface StartNextRequest {
  readonly statusDetails?: Record<string, string>
  readonly stepTimeoutInMinutes?: number
}

export interface DescribeRequest {
  readonly executionNumber?: number
  /** Defaults to true. */
  readonly includeJobDocument: boolean
}

export interface UpdateRequest {
  readonly status: string
  readonly statusDetails?: Record<string, string>
  readonly expectedVersion?: number
  readonly executionNumber?: number
  readonly includeJobExecutionState: boolean
  readonly includeJobDocument: boolean
  /** -1 clears the step timer. */
  readonly stepTimeoutInMinutes?: number
}

const MAX_STEP_TIMEOUT_MINUTES = 10_080

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

export const readStartNextRequest = (body: JsonObject): StartNextRequest | DeviceRejection =>
  readRequest(() => ({
    statusDetails: statusDetails(body),
    stepTimeoutInMinutes: stepTimeout(body, false),
  }))

export const readDescribeRequest = (body: JsonObject): DescribeRequest | DeviceRejection =>
  readRequest(() => ({
    executionNumber: optionalInteger(body, 'executionNumber'),
    includeJobDocument: optionalBoolean(body, 'includeJobDocument') ?? true,
  }))

export const readUpdateRequest = (body: JsonObject): UpdateRequest | DeviceRejection =>
  readRequest(() => {
    const status = optionalString(body, 'status')
    // "This must be specified on every update." (UpdateJobExecution)
    if (status === undefined) throw invalidRequest('status is required on every update.')
    return {
      status,
      statusDetails: statusDetails(body),
      expectedVersion: optionalInteger(body, 'expectedVersion'),
      executionNumber: optionalInteger(body, 'executionNumber'),
      includeJobExecutionState: optionalBoolean(body, 'includeJobExecutionState') ?? false,
      includeJobDocument: optionalBoolean(body, 'includeJobDocument') ?? false,
      stepTimeoutInMinutes: stepTimeout(body, true),
    }
  })
