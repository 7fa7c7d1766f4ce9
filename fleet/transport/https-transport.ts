import {
  DescribeJobExecutionCommand,
  GetPendingJobExecutionsCommand,
  IoTJobsDataPlaneClient,
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { IoTDataPlaneClient, UpdateThingShadowCommand } from '@aws-sdk/client-iot-data-plane'
import type { AwsCredentialIdentity } from '@smithy/types'
import { isJobExecutionStatus } from '../../domain/job-execution-status.ts'
import type { DeviceEvent, ExecutionView, JobsRequest, ReportedState } from '../device-machine.ts'
import type { Scheduler } from '../scheduler.ts'
import type { DeviceIdentity, DeviceLink, Transport } from './transport.ts'

/**
 * The HTTPS device plane: jobs through the Jobs data plane
 * (https://docs.aws.amazon.com/iot/latest/developerguide/jobs-http-device-api.html),
 * shadows through UpdateThingShadow. HTTPS has no notify-next, so devices
 * learn of new work by polling GetPendingJobExecutions, as AWS's HTTPS
 * device workflow describes; one task on the fleet's scheduler polls a slice
 * of the connected devices at each tick (no timer per device), so each
 * device is polled about every `pollIntervalMs`. A device's requests go one
 * at a time, in order, as they would over its one MQTT connection.
 */
export interface HttpsTransportOptions {
  /** The Jobs data plane endpoint (DescribeEndpoint iot:Jobs on AWS; the local cloud's one endpoint). */
  readonly jobsEndpoint: string
  /** The shadow endpoint (DescribeEndpoint iot:Data-ATS on AWS). */
  readonly dataEndpoint: string
  readonly region: string
  /** SigV4 credentials; the SDK's default chain when absent. */
  readonly credentials?: AwsCredentialIdentity
  readonly scheduler: Scheduler
  readonly pollIntervalMs?: number
  /** Polls in flight at most, so a large fleet does not flood the endpoint. */
  readonly maxConcurrentPolls?: number
  readonly packageNameOf?: (device: DeviceIdentity) => string
  readonly log?: (thingName: string, message: string) => void
}

const TICK_MS = 100

interface Connection {
  readonly thingName: string
  readonly onEvent: (event: DeviceEvent) => void
  queue: Promise<void>
  busy: number
  isClosed: boolean
}

const errorName = (error: unknown) =>
  error instanceof Error ? error.name : typeof error === 'string' ? error : 'Error'

export function createHttpsTransport(options: HttpsTransportOptions): Transport {
  const common = {
    region: options.region,
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  }
  const jobs = new IoTJobsDataPlaneClient({ ...common, endpoint: options.jobsEndpoint })
  const data = new IoTDataPlaneClient({ ...common, endpoint: options.dataEndpoint })
  const pollIntervalMs = options.pollIntervalMs ?? 5_000
  const maxConcurrentPolls = options.maxConcurrentPolls ?? 32
  const packageNameOf = options.packageNameOf ?? ((device: DeviceIdentity) => device.model)
  const log = options.log ?? (() => undefined)
  const ring: Connection[] = []
  let cursor = 0
  let pollsInFlight = 0
  let cancelTick: (() => void) | undefined

  /** Runs `work` after the device's earlier requests; its events reach the device only while connected. */
  const enqueue = (connection: Connection, work: () => Promise<DeviceEvent | undefined>) => {
    connection.busy += 1
    connection.queue = connection.queue
      .then(work)
      .then((event) => {
        if (event !== undefined && !connection.isClosed) connection.onEvent(event)
      })
      .catch((error: unknown) =>
        log(connection.thingName, `HTTPS request failed: ${errorName(error)}`),
      )
      .finally(() => {
        connection.busy -= 1
      })
  }

  const jobsEvent = async (thingName: string, request: JobsRequest): Promise<DeviceEvent> => {
    switch (request.kind) {
      case 'start-next': {
        const out = await jobs.send(new StartNextPendingJobExecutionCommand({ thingName }))
        return { type: 'started', execution: out.execution as ExecutionView | undefined }
      }
      case 'get-pending':
        return pendingEvent(thingName)
      case 'describe': {
        const execution = await jobs
          .send(
            new DescribeJobExecutionCommand({
              thingName,
              jobId: request.jobId,
              includeJobDocument: true,
            }),
          )
          .then(
            (out) => out.execution as ExecutionView | undefined,
            () => undefined,
          )
        return { type: 'described', execution }
      }
      case 'update':
        try {
          const out = await jobs.send(
            new UpdateJobExecutionCommand({
              thingName,
              jobId: request.jobId,
              status: request.status,
              statusDetails: { ...request.statusDetails },
              includeJobExecutionState: true,
            }),
          )
          const status = out.executionState?.status
          return isJobExecutionStatus(status)
            ? { type: 'updated', jobId: request.jobId, status }
            : { type: 'update-refused', jobId: request.jobId, code: 'NoExecutionState' }
        } catch (error) {
          return { type: 'update-refused', jobId: request.jobId, code: errorName(error) }
        }
    }
  }

  const pendingEvent = async (thingName: string): Promise<DeviceEvent> => {
    const out = await jobs.send(new GetPendingJobExecutionsCommand({ thingName }))
    const ids = (list: { jobId?: string | undefined }[] | undefined) =>
      (list ?? []).flatMap((item) => (item.jobId === undefined ? [] : [{ jobId: item.jobId }]))
    return {
      type: 'pending',
      inProgressJobs: ids(out.inProgressJobs),
      queuedJobs: ids(out.queuedJobs),
    }
  }

  const updateShadow = (thingName: string, reported: object, shadowName?: string) =>
    data.send(
      new UpdateThingShadowCommand({
        thingName,
        ...(shadowName === undefined ? {} : { shadowName }),
        payload: new TextEncoder().encode(JSON.stringify({ state: { reported } })),
      }),
    )

  const tick = () => {
    cancelTick = options.scheduler.after(TICK_MS, tick)
    if (ring.length === 0) return
    // Enough devices per tick that each comes round about every pollIntervalMs.
    let budget = Math.ceil((ring.length * TICK_MS) / pollIntervalMs)
    for (let seen = 0; seen < ring.length && budget > 0; seen++) {
      if (pollsInFlight >= maxConcurrentPolls) return
      cursor = (cursor + 1) % ring.length
      const connection = ring[cursor] as Connection
      // A device busy with its own requests will ask again itself.
      if (connection.busy > 0) continue
      budget -= 1
      pollsInFlight += 1
      enqueue(connection, () =>
        pendingEvent(connection.thingName).finally(() => {
          pollsInFlight -= 1
        }),
      )
    }
  }

  return {
    connect: async (device: DeviceIdentity, { onEvent }) => {
      const connection: Connection = {
        thingName: device.thingName,
        onEvent,
        queue: Promise.resolve(),
        busy: 0,
        isClosed: false,
      }
      ring.push(connection)
      if (cancelTick === undefined) cancelTick = options.scheduler.after(TICK_MS, tick)
      await Promise.resolve()
      const link: DeviceLink = {
        send: (request) => enqueue(connection, () => jobsEvent(device.thingName, request)),
        report: (reported: ReportedState) =>
          enqueue(connection, async () => {
            // As over MQTT: clear `config` first so keys the new configuration dropped leave.
            await updateShadow(device.thingName, { config: null })
            await updateShadow(device.thingName, reported)
            await updateShadow(
              device.thingName,
              { [packageNameOf(device)]: { version: reported.firmware.version, attributes: {} } },
              '$package',
            )
            return undefined
          }),
        close: async () => {
          connection.isClosed = true
          const index = ring.indexOf(connection)
          if (index >= 0) ring.splice(index, 1)
          await connection.queue
        },
      }
      return link
    },
    close: () => {
      cancelTick?.()
      cancelTick = undefined
      for (const connection of ring.splice(0)) connection.isClosed = true
      jobs.destroy()
      data.destroy()
      return Promise.resolve()
    },
  }
}
