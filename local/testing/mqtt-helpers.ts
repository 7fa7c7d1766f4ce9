import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt'
import { REGION } from '../config.ts'

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
    // A refused WebSocket upgrade ends the connection without an MQTT error.
    client.once('close', () => reject(new Error('the connection closed before CONNACK')))
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

export interface WebSocketCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
}

/**
 * A `ws://…/mqtt` URL signed as browsers sign it for AWS IoT: SigV4 in the
 * query, service iotdevicegateway. `tokenAfterSigning` appends the session
 * token after signing, as AWS's guide shows; otherwise the SDK's presigner
 * signs it with the rest.
 */
export async function signMqttUrl(
  endpoint: string,
  credentials: WebSocketCredentials,
  { tokenAfterSigning = false, expiresIn = 300, signingDate = new Date() } = {},
): Promise<string> {
  const url = new URL(endpoint)
  const { sessionToken, ...keys } = credentials
  const signer = new SignatureV4({
    credentials: tokenAfterSigning ? keys : credentials,
    region: REGION,
    service: 'iotdevicegateway',
    sha256: Hash.bind(null, 'sha256'),
  })
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'ws:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/mqtt',
      query: {},
      headers: { host: url.host },
    },
    { expiresIn, signingDate },
  )
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(signed.query ?? {})) query.set(name, String(value))
  if (tokenAfterSigning && sessionToken !== undefined)
    query.set('X-Amz-Security-Token', sessionToken)
  return `ws://${url.host}/mqtt?${query.toString()}`
}

/** An mqtt.js client over the edge's signed WebSocket, as the dashboard connects for job events. */
export async function connectMqttWebSocket(
  endpoint: string,
  credentials: WebSocketCredentials,
  clientId: string,
  options: { tokenAfterSigning?: boolean } = {},
): Promise<MqttClient> {
  return connectMqtt(await signMqttUrl(endpoint, credentials, options), clientId)
}
