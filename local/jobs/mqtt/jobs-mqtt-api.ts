import type { MqttBroker, ServiceRequest } from '../../mqtt/mqtt-broker.ts'
import {
  describeJobExecution,
  getPendingJobExecutions,
  startNextPendingJobExecution,
  updateJobExecution,
  type DeviceApi,
} from '../device-api.ts'
import { DeviceRejection, executionState, type JobsRejectionCode } from '../device-rejection.ts'
import { readDescribeRequest, readStartNextRequest, readUpdateRequest } from '../device-requests.ts'
import { pendingSummaryShape } from '../job-shapes.ts'
import {
  acceptedTopic,
  JOBS_REQUEST_FILTER,
  parseJobsTopic,
  rejectedTopic,
  type JobsTopic,
} from './jobs-topics.ts'
import { documentObject, messageTimestamp, mqttExecutionShape } from './jobs-mqtt-shapes.ts'

/**
 * The Jobs MQTT API: the device operations of device-api.ts in MQTT's wire
 * form. Answers go to the requesting client only, on the request topic plus
 * `/accepted` or `/rejected`, with the request's clientToken; a change is
 * durable before it is accepted.
 * https://docs.aws.amazon.com/iot/latest/developerguide/jobs-mqtt-api.html
 */
export interface JobsMqttApiOptions {
  readonly api: DeviceApi
  /** Resolves once every change so far is durable (the store's flush). */
  readonly flush: () => Promise<void>
  readonly onError: (error: unknown) => void
}

type Payload = Readonly<Record<string, unknown>>

class Refusal {
  constructor(
    readonly code: JobsRejectionCode,
    readonly message: string,
  ) {}
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function parsePayload(bytes: Buffer): Payload | Refusal {
  let parsed: unknown
  try {
    parsed = JSON.parse(utf8.decode(bytes)) as unknown
  } catch {
    return new Refusal('InvalidJson', 'The payload is not UTF-8 encoded JSON.')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return new Refusal('InvalidRequest', 'The payload must be a JSON object.')
  return parsed as Payload
}

/** Runs the operation the topic names; returns the accepted message without timestamp and clientToken. */
async function perform(
  api: DeviceApi,
  topic: Exclude<JobsTopic, { api: undefined }>,
  payload: Payload,
): Promise<Payload | DeviceRejection> {
  const { engine } = api
  switch (topic.api) {
    case 'GetPendingJobExecutions': {
      const pending = getPendingJobExecutions(api, topic.thingName)
      if (pending instanceof DeviceRejection) return pending
      return {
        inProgressJobs: pending.inProgressJobs.map(pendingSummaryShape),
        queuedJobs: pending.queuedJobs.map(pendingSummaryShape),
      }
    }
    case 'StartNextPendingJobExecution': {
      const request = readStartNextRequest(payload)
      if (request instanceof DeviceRejection) return request
      const started = await startNextPendingJobExecution(api, topic.thingName, request)
      if (started instanceof DeviceRejection) return started
      const { execution, jobDocument } = started
      return execution === undefined
        ? {}
        : { execution: mqttExecutionShape(engine, execution, jobDocument) }
    }
    case 'DescribeJobExecution': {
      const request = readDescribeRequest(payload)
      if (request instanceof DeviceRejection) return request
      const described = await describeJobExecution(api, topic.thingName, topic.jobId, request)
      if (described instanceof DeviceRejection) return described
      const { execution, jobDocument } = described
      return execution === undefined
        ? {}
        : { execution: mqttExecutionShape(engine, execution, jobDocument) }
    }
    case 'UpdateJobExecution': {
      const request = readUpdateRequest(payload)
      if (request instanceof DeviceRejection) return request
      const updated = await updateJobExecution(api, topic.thingName, topic.jobId, request)
      if (updated instanceof DeviceRejection) return updated
      return {
        executionState: updated.includeJobExecutionState
          ? executionState(updated.execution)
          : undefined,
        jobDocument:
          updated.jobDocument === undefined ? undefined : documentObject(updated.jobDocument),
      }
    }
  }
}

/** Answers one request; never throws (a failure is logged and answered with InternalError). */
export async function answerJobsRequest(
  { api, flush, onError }: JobsMqttApiOptions,
  request: ServiceRequest,
): Promise<void> {
  let clientToken: string | undefined
  const timestamp = () => messageTimestamp(api.engine.clock.now())
  const reject = (rejection: Refusal | DeviceRejection) =>
    request.reply(rejectedTopic(request.topic), {
      code: rejection.code,
      message: rejection.message,
      clientToken,
      timestamp: timestamp(),
      executionState:
        rejection instanceof DeviceRejection && rejection.execution !== undefined
          ? executionState(rejection.execution)
          : undefined,
    })
  try {
    const payload = parsePayload(request.payload)
    // The token is echoed whenever the payload could be read, even on a wrong topic.
    const token = payload instanceof Refusal ? undefined : payload.clientToken
    if (typeof token === 'string') clientToken = token
    const topic = parseJobsTopic(request.topic)
    if (topic?.api === undefined) {
      return reject(
        new Refusal('InvalidTopic', `${request.topic} is not a topic of the Jobs MQTT API.`),
      )
    }
    if (payload instanceof Refusal) return reject(payload)
    if (token !== undefined && token !== null && typeof token !== 'string')
      return reject(new Refusal('InvalidRequest', 'clientToken must be a string.'))
    const result = await perform(api, topic, payload)
    if (result instanceof DeviceRejection) return reject(result)
    // An accepted reply acknowledges the change: it must be on disk first.
    await flush()
    request.reply(acceptedTopic(request.topic), { ...result, timestamp: timestamp(), clientToken })
  } catch (error) {
    onError(error)
    reject(
      new Refusal('InternalError', 'The local cloud failed to handle the request; see its log.'),
    )
  }
}

/** Serves every publish under `$aws/things/{thingName}/jobs/` on the broker. */
export function serveJobsMqttApi(broker: MqttBroker, options: JobsMqttApiOptions): void {
  broker.serve(JOBS_REQUEST_FILTER, (request) => {
    void answerJobsRequest(options, request)
  })
}
