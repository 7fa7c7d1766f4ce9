import mqtt, { type IClientOptions, type MqttClient } from 'mqtt'
import type { DeviceEvent, ExecutionView, JobsRequest, ReportedState } from '../device-machine.ts'
import { isJobExecutionStatus } from '../../domain/job-execution-status.ts'
import type { DeviceIdentity, DeviceLink, Transport } from './transport.ts'

/**
 * The Jobs and shadow MQTT APIs as a device speaks them, one MQTT 3.1.1
 * connection per device, client id = thing name (AWS IoT's usual policy
 * binds the two). Topics: https://docs.aws.amazon.com/iot/latest/developerguide/jobs-mqtt-api.html
 * and https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-mqtt.html
 */
export interface DeviceCertificate {
  readonly certificatePem: string
  readonly privateKey: string
}

export type CertificateSource = (thingName: string) => Promise<DeviceCertificate>

export interface MqttTransportOptions {
  /** `mqtts://host:8883` (mutual TLS) or `mqtt://host:1883` (the local cloud's plain TCP listener). */
  readonly url: string
  /** For mutual TLS; the CA to trust (the local cloud's root-ca.pem; Node's store already trusts Amazon's). */
  readonly certificates?: CertificateSource
  readonly caPem?: string
  /** Seconds; AWS IoT allows 30–1200. Long, because 10,000 devices ping too. */
  readonly keepaliveSeconds?: number
  /** The software package a device's firmware is in the `$package` shadow; its model by default. */
  readonly packageNameOf?: (device: DeviceIdentity) => string
}

const CONNECT_TIMEOUT_MS = 30_000

function jobsTopic(thingName: string, request: JobsRequest): { topic: string; payload: object } {
  const base = `$aws/things/${thingName}/jobs`
  switch (request.kind) {
    case 'start-next':
      return { topic: `${base}/start-next`, payload: {} }
    case 'get-pending':
      return { topic: `${base}/get`, payload: {} }
    case 'describe':
      return { topic: `${base}/${request.jobId}/get`, payload: { includeJobDocument: true } }
    case 'update':
      return {
        topic: `${base}/${request.jobId}/update`,
        payload: {
          status: request.status,
          statusDetails: request.statusDetails,
          // The answer then says which status was accepted, with no bookkeeping here.
          includeJobExecutionState: true,
        },
      }
  }
}

const asExecution = (value: unknown): ExecutionView | undefined => {
  if (typeof value !== 'object' || value === null) return undefined
  const execution = value as ExecutionView
  return typeof execution.jobId === 'string' ? execution : undefined
}

const summaries = (value: unknown): { jobId: string }[] =>
  Array.isArray(value)
    ? value.filter(
        (item): item is { jobId: string } =>
          typeof (item as { jobId?: unknown })?.jobId === 'string',
      )
    : []

/** The device event an answer or notification on `topic` means, if any. */
export function eventOfJobsMessage(
  thingName: string,
  topic: string,
  payload: Record<string, unknown>,
): DeviceEvent | undefined {
  const prefix = `$aws/things/${thingName}/jobs/`
  if (!topic.startsWith(prefix)) return undefined
  const rest = topic.slice(prefix.length)
  if (rest === 'notify-next')
    return { type: 'notified', execution: asExecution(payload['execution']) }
  if (rest === 'start-next/accepted')
    return { type: 'started', execution: asExecution(payload['execution']) }
  if (rest === 'get/accepted')
    return {
      type: 'pending',
      inProgressJobs: summaries(payload['inProgressJobs']),
      queuedJobs: summaries(payload['queuedJobs']),
    }
  const parts = rest.split('/')
  if (parts.length !== 3) return undefined
  const [jobId = '', operation, outcome] = parts
  if (operation === 'get')
    return {
      type: 'described',
      execution: outcome === 'accepted' ? asExecution(payload['execution']) : undefined,
    }
  if (operation === 'update' && outcome === 'accepted') {
    const status = (payload['executionState'] as { status?: unknown } | undefined)?.status
    return isJobExecutionStatus(status) ? { type: 'updated', jobId, status } : undefined
  }
  if (operation === 'update' && outcome === 'rejected')
    return { type: 'update-refused', jobId, code: String(payload['code']) }
  return undefined
}

export function createMqttTransport(options: MqttTransportOptions): Transport {
  const clients = new Set<MqttClient>()
  const packageNameOf = options.packageNameOf ?? ((device: DeviceIdentity) => device.model)

  return {
    connect: async (device, { onEvent, onClose }) => {
      const { thingName } = device
      const tls = options.url.startsWith('mqtts:') && options.certificates !== undefined
      const certificate = tls ? await options.certificates?.(thingName) : undefined
      const clientOptions: IClientOptions = {
        clientId: thingName,
        protocolVersion: 4,
        clean: true,
        reconnectPeriod: 0,
        connectTimeout: CONNECT_TIMEOUT_MS,
        keepalive: options.keepaliveSeconds ?? 300,
        ...(options.caPem === undefined ? {} : { ca: options.caPem }),
        ...(certificate === undefined
          ? {}
          : { cert: certificate.certificatePem, key: certificate.privateKey }),
      }
      const client = mqtt.connect(options.url, clientOptions)
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve())
        client.once('error', (error) => {
          client.end(true)
          reject(error)
        })
        client.once('close', () =>
          reject(new Error(`${thingName}: the connection closed before CONNACK`)),
        )
      })
      clients.add(client)
      let isClosing = false
      client.on('message', (topic, body) => {
        let payload: Record<string, unknown>
        try {
          payload = JSON.parse(body.toString()) as Record<string, unknown>
        } catch {
          return
        }
        const event = eventOfJobsMessage(thingName, topic, payload)
        if (event !== undefined) onEvent(event)
      })
      client.on('close', () => {
        clients.delete(client)
        if (!isClosing) {
          isClosing = true
          onClose()
        }
      })
      // One filter covers notify-next and every answer; AWS sends answers to
      // subscribers of the response topics.
      await client.subscribeAsync(`$aws/things/${thingName}/jobs/#`, { qos: 1 })

      const publish = (topic: string, payload: object) => {
        client.publish(topic, JSON.stringify(payload), { qos: 1 }, () => undefined)
      }
      const link: DeviceLink = {
        send: (request) => {
          const { topic, payload } = jobsTopic(thingName, request)
          publish(topic, payload)
        },
        report: (reported: ReportedState) => {
          const shadow = `$aws/things/${thingName}/shadow`
          // Members merge, so clear `config` first: a key the new configuration
          // dropped must leave the shadow too.
          publish(`${shadow}/update`, { state: { reported: { config: null } } })
          publish(`${shadow}/update`, { state: { reported } })
          // The software package catalog's reserved shadow: package name → version.
          // https://docs.aws.amazon.com/iot/latest/developerguide/preparing-to-use-software-package-catalog.html
          publish(`${shadow}/name/$package/update`, {
            state: {
              reported: {
                [packageNameOf(device)]: {
                  version: reported.firmware.version,
                  attributes: {},
                },
              },
            },
          })
        },
        close: async () => {
          isClosing = true
          clients.delete(client)
          await client.endAsync()
        },
      }
      return link
    },
    close: async () => {
      await Promise.all([...clients].map((client) => client.endAsync(true)))
      clients.clear()
    },
  }
}
