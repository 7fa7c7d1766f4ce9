import mqtt, { type IClientOptions, type MqttClient } from 'mqtt'

/** An mqtt.js client connected as `clientId`, as a device or tool would connect; rejects on a refused CONNECT. */
export async function connectMqtt(
  url: string,
  clientId: string,
  options: IClientOptions = {},
): Promise<MqttClient> {
  const client = mqtt.connect(url, {
    clientId,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
    ...options,
  })
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve())
    client.once('error', (error) => {
      client.end(true)
      reject(error)
    })
  })
  return client
}

/** The next message on a topic matching `topic` exactly, parsed as JSON. */
export function nextMessage(
  client: MqttClient,
  topic: string,
  timeoutMs = 5_000,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('message', onMessage)
      reject(new Error(`no message on ${topic} within ${timeoutMs} ms`))
    }, timeoutMs)
    const onMessage = (received: string, payload: Buffer) => {
      if (received !== topic) return
      clearTimeout(timer)
      client.off('message', onMessage)
      resolve(JSON.parse(payload.toString()) as unknown)
    }
    client.on('message', onMessage)
  })
}

/** SUBACK return codes per filter: 0–2 granted QoS, 128 refused (MQTT 3.1.1 §3.9.3). */
export async function subscribeCodes(client: MqttClient, filters: string[]): Promise<number[]> {
  const codes: number[] = []
  // One SUBSCRIBE per filter: mqtt.js rejects the whole call when any filter is refused.
  for (const filter of filters) {
    const granted = await client.subscribeAsync(filter, { qos: 0 }).then(
      (grants) => grants[0]?.qos ?? -1,
      (error: unknown) => {
        if ((error as { code?: number }).code === 128 || /Subscribe error/.test(String(error)))
          return 128
        throw error
      },
    )
    codes.push(granted)
  }
  return codes
}
