import { AwsError } from '../edge/aws-error.ts'
import type { JobExecutionRecord } from '../state/records.ts'

/**
 * Why the Jobs device API refused a request, in the codes of the Jobs MQTT
 * API (ErrorResponse `code`). The device operations (device-api.ts) return
 * these; each plane renders them in its own wire form.
 * https://docs.aws.amazon.com/iot/latest/developerguide/jobs-api.html#jobs-mqtt-error-response
 */
export type JobsRejectionCode =
  /** The topic is in the jobs namespace but names no API (MQTT only). */
  | 'InvalidTopic'
  /** The payload is not UTF-8 JSON (MQTT only; HTTPS answers SerializationException first). */
  | 'InvalidJson'
  | 'InvalidRequest'
  | 'InvalidStateTransition'
  | 'ResourceNotFound'
  | 'VersionMismatch'
  | 'InternalError'
  /** Never sent: the local cloud does not throttle. */
  | 'RequestThrottled'
  | 'TerminalStateReached'

export type ExecutionRejectionCode = Exclude<
  JobsRejectionCode,
  'InvalidTopic' | 'InvalidJson' | 'InternalError' | 'RequestThrottled'
>

/** A refusal by the jobs semantics, returned (not thrown) so each plane renders it. */
export class DeviceRejection {
  constructor(
    readonly code: ExecutionRejectionCode,
    readonly message: string,
    /** For InvalidStateTransition and VersionMismatch: the execution as it stands, sent back as executionState. */
    readonly execution?: JobExecutionRecord,
  ) {}
}

/** JobExecutionState: what a rejected update or `includeJobExecutionState` shows of an execution. */
export function executionState(execution: JobExecutionRecord) {
  return {
    status: execution.status,
    statusDetails: execution.statusDetails,
    versionNumber: execution.versionNumber,
  }
}

/** Reads request members with the edge's readers, whose InvalidRequestException becomes an InvalidRequest rejection. */
export function readRequest<T>(read: () => T): T | DeviceRejection {
  try {
    return read()
  } catch (error) {
    if (error instanceof AwsError && error.type === 'InvalidRequestException')
      return new DeviceRejection('InvalidRequest', error.message)
    throw error
  }
}
