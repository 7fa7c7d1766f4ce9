import { Sha256 } from '@aws-crypto/sha256-browser'
import { SignatureV4 } from '@smithy/signature-v4'
import type { SessionCredentials } from '@/lib/auth/session-credentials.ts'

/**
 * The URL a browser opens for MQTT over WebSocket to AWS IoT: `GET /mqtt` on
 * the account's data endpoint, SigV4-signed in the query string for the
 * service `iotdevicegateway` with the empty payload's hash, and the session
 * token appended AFTER signing, outside the canonical query, as the developer
 * guide's example does (https://docs.aws.amazon.com/iot/latest/developerguide/protocols.html#mqtt-ws;
 * aws/aws-sdk-js#1456: IoT refused a signed token). `wss://` on AWS; `ws://`
 * when the configured endpoint is plain http, as the local cloud's is.
 */
export const MQTT_SIGNING_SERVICE = 'iotdevicegateway'

/**
 * The signature only has to last until the socket opens, which follows at
 * once; the connection itself lasts until the credentials expire.
 */
export const SIGNED_URL_EXPIRES_IN_SECONDS = 300

export interface SignMqttUrlInput {
  /** DashboardConfig.iotDataEndpoint: https://<prefix>-ats.iot.<region>.amazonaws.com, or the local cloud's http URL. */
  readonly endpoint: string
  readonly region: string
  readonly credentials: SessionCredentials
  readonly signingDate?: Date
}

export async function signMqttUrl({
  endpoint,
  region,
  credentials,
  signingDate = new Date(),
}: SignMqttUrlInput): Promise<string> {
  const url = new URL(endpoint)
  const protocol = url.protocol === 'http:' ? 'ws:' : 'wss:'
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
    },
    region,
    service: MQTT_SIGNING_SERVICE,
    sha256: Sha256,
  })
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol,
      hostname: url.hostname,
      ...(url.port === '' ? {} : { port: Number(url.port) }),
      path: '/mqtt',
      query: {},
      // What the browser will send: the port only when it is not the default.
      headers: { host: url.host },
    },
    { expiresIn: SIGNED_URL_EXPIRES_IN_SECONDS, signingDate },
  )
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(signed.query ?? {})) {
    if (typeof value === 'string') query.set(name, value)
  }
  if (credentials.sessionToken !== undefined)
    query.set('X-Amz-Security-Token', credentials.sessionToken)
  return `${protocol}//${url.host}/mqtt?${query.toString()}`
}
