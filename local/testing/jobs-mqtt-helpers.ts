import type { MqttClient } from 'mqtt'

/**
 * A device's side of the Jobs MQTT API for contract tests: publish a request
 * and wait for its answer on `…/accepted` or `…/rejected`, without
 * subscribing, since AWS IoT delivers answers to the requester regardless.
 */
export interface JobsReply {
  readonly outcome: 'accepted' | 'rejected'
  readonly topic: string
  readonly payload: Record<string, unknown>
}

export function askJobs(
  client: MqttClient,
  topic: string,
  /** A string is sent as is (to test InvalidJson); anything else as JSON. */
  payload: unknown,
  timeoutMs = 5_000,
): Promise<JobsReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('message', onMessage)
      reject(new Error(`no answer to ${topic} within ${timeoutMs} ms`))
    }, timeoutMs)
    const onMessage = (received: string, body: Buffer) => {
      const outcome =
        received === `${topic}/accepted`
          ? 'accepted'
          : received === `${topic}/rejected`
            ? 'rejected'
            : undefined
      if (outcome === undefined) return
      clearTimeout(timer)
      client.off('message', onMessage)
      resolve({
        outcome,
        topic: received,
        payload: JSON.parse(body.toString()) as Record<string, unknown>,
      })
    }
    client.on('message', onMessage)
    client.publish(topic, typeof payload === 'string' ? payload : JSON.stringify(payload))
  })
}

export interface ReceivedMessage {
  readonly topic: string
  readonly payload: Record<string, unknown>
}

/** Every message the client receives from now on, in arrival order. */
export function recordMessages(client: MqttClient): {
  readonly messages: ReceivedMessage[]
  stop(): void
} {
  const messages: ReceivedMessage[] = []
  const onMessage = (topic: string, body: Buffer) => {
    messages.push({ topic, payload: JSON.parse(body.toString()) as Record<string, unknown> })
  }
  client.on('message', onMessage)
  return { messages, stop: () => client.off('message', onMessage) }
}
