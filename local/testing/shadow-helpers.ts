import {
  GetThingShadowCommand,
  IoTDataPlaneClient,
  UpdateThingShadowCommand,
} from '@aws-sdk/client-iot-data-plane'
import type { MqttClient } from 'mqtt'
import { ADMIN_CREDENTIALS, REGION } from '../config.ts'
import type { WebSocketCredentials } from './mqtt-helpers.ts'

/** `@aws-sdk/client-iot-data-plane` pointed at the local cloud, as an application points it at AWS. */
export function dataPlaneClient(
  endpoint: string,
  credentials: WebSocketCredentials = ADMIN_CREDENTIALS,
): IoTDataPlaneClient {
  return new IoTDataPlaneClient({ region: REGION, endpoint, credentials, maxAttempts: 1 })
}

/** The SDK hands shadow documents over as bytes; tests read them as JSON. */
export function parsePayload(payload: Uint8Array | undefined): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>
}

export const encodeDocument = (document: unknown) =>
  new TextEncoder().encode(JSON.stringify(document))

/** UpdateThingShadow with a document; answers the parsed accepted document. */
export async function updateShadow(
  client: IoTDataPlaneClient,
  thingName: string,
  document: unknown,
  shadowName?: string,
): Promise<Record<string, unknown>> {
  const output = await client.send(
    new UpdateThingShadowCommand({ thingName, shadowName, payload: encodeDocument(document) }),
  )
  return parsePayload(output.payload)
}

export async function getShadow(
  client: IoTDataPlaneClient,
  thingName: string,
  shadowName?: string,
): Promise<Record<string, unknown>> {
  const output = await client.send(new GetThingShadowCommand({ thingName, shadowName }))
  return parsePayload(output.payload)
}

/**
 * Collects JSON messages as they arrive, so a test can publish and then wait
 * for what it expects without racing the subscription.
 */
export function collectMessages(client: MqttClient): {
  readonly next: (topic: string, timeoutMs?: number) => Promise<Record<string, unknown>>
  /** Messages received on the topic so far and not yet taken. */
  readonly on: (topic: string) => Record<string, unknown>[]
} {
  const received: { topic: string; payload: Record<string, unknown> }[] = []
  const waiters: { topic: string; resolve: (payload: Record<string, unknown>) => void }[] = []
  client.on('message', (topic, payload) => {
    const parsed = JSON.parse(payload.toString()) as Record<string, unknown>
    const waiter = waiters.findIndex((candidate) => candidate.topic === topic)
    if (waiter >= 0) waiters.splice(waiter, 1)[0]?.resolve(parsed)
    else received.push({ topic, payload: parsed })
  })
  return {
    next: (topic, timeoutMs = 5_000) => {
      const index = received.findIndex((message) => message.topic === topic)
      if (index >= 0) return Promise.resolve(received.splice(index, 1)[0]?.payload ?? {})
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1)
          reject(new Error(`no message on ${topic} within ${timeoutMs} ms`))
        }, timeoutMs)
        const waiter = {
          topic,
          resolve: (payload: Record<string, unknown>) => {
            clearTimeout(timer)
            resolve(payload)
          },
        }
        waiters.push(waiter)
      })
    },
    on: (topic) => {
      const taken: Record<string, unknown>[] = []
      for (let index = received.length - 1; index >= 0; index -= 1) {
        if (received[index]?.topic === topic)
          taken.unshift(...received.splice(index, 1).map((m) => m.payload))
      }
      return taken
    },
  }
}
