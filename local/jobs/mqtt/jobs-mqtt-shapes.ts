import type { JobExecutionRecord } from '../../state/records.ts'
import { MAX_PENDING_EXECUTIONS } from '../device-api.ts'
import type { JobEngine } from '../job-engine.ts'
import { dataPlaneExecutionShape, pendingSummaryShape } from '../job-shapes.ts'

/**
 * The message shapes of the Jobs MQTT API. They are the HTTPS data plane's
 * shapes with two differences: every message carries a `timestamp`, and the
 * job document is a JSON object, not a string.
 * https://docs.aws.amazon.com/iot/latest/developerguide/jobs-mqtt-api.html
 */

/**
 * `timestamp` is "the time in seconds since the epoch, when the message was
 * sent". Some AWS examples show 13-digit values; the definition says
 * seconds, and whole seconds match the executions' own times.
 */
export const MQTT_TIMESTAMP_UNIT_MS = 1000

export const messageTimestamp = (emulatedMs: number): number =>
  Math.floor(emulatedMs / MQTT_TIMESTAMP_UNIT_MS)

/** Stored documents are JSON objects (CreateJob checks), so this only fails on a broken store. */
export function documentObject(document: string): unknown {
  return JSON.parse(document) as unknown
}

/** JobExecution as the MQTT API sends it: the data plane's, with the document as an object. */
export function mqttExecutionShape(
  engine: JobEngine,
  execution: JobExecutionRecord,
  jobDocument?: string,
) {
  return {
    ...dataPlaneExecutionShape(engine, execution),
    jobDocument: jobDocument === undefined ? undefined : documentObject(jobDocument),
  }
}

/** ListNotification's `jobs`: the first 10 pending executions by status; an empty queue is `{}`. */
export function pendingJobsByStatus(pending: readonly JobExecutionRecord[]) {
  const listed = pending.slice(0, MAX_PENDING_EXECUTIONS)
  const inProgress = listed.filter((execution) => execution.status === 'IN_PROGRESS')
  const queued = listed.filter((execution) => execution.status === 'QUEUED')
  return {
    ...(inProgress.length === 0 ? {} : { IN_PROGRESS: inProgress.map(pendingSummaryShape) }),
    ...(queued.length === 0 ? {} : { QUEUED: queued.map(pendingSummaryShape) }),
  }
}
