import type { IClientOptions, MqttClient } from 'mqtt'
import { DASHBOARD_CLIENT_ID_PREFIX } from '@domain/permissions.ts'
import type { ConnectLive, LiveConnection } from './live-transport.ts'
import { signMqttUrl } from './sign-mqtt-url.ts'

/**
 * mqtt.js over the signed WebSocket. mqtt.js is loaded on first use (about
 * 100 kB gzipped, its browser build `dist/mqtt.esm.js` through the package's
 * `exports.browser.import`), so only pages that listen to events pay for it.
 *
 * - `reconnectPeriod: 0`: mqtt.js would reconnect with the same signed URL;
 *   every attempt needs a new signature (and maybe new credentials), so the
 *   connection manager reconnects instead.
 * - A new client id per connection: the replacement opened before the old
 *   socket closes must not take over the old one's id (AWS IoT drops the
 *   older of two connections with one id), and browsers may use only
 *   `fleetdeck-dashboard-*` ids (domain/permissions.ts).
 * - QoS 1 subscriptions: AWS delivers job events at least once; duplicates
 *   are dropped by eventId.
 * - Native timers for the keepalive: in browsers mqtt.js would otherwise run
 *   them in a Web Worker made from a blob: URL, which the deployed
 *   Content-Security-Policy (script-src 'self', no worker-src) blocks, and
 *   then no PINGREQ would ever go out. A hidden tab may throttle them to one
 *   a minute, which can cost the connection; the manager reconnects.
 */
export const KEEPALIVE_SECONDS = 60 // AWS IoT accepts 30–1200 s and waits 1.5 times as long.
export const CONNECT_TIMEOUT_MS = 10_000

export interface MqttTransportOptions {
  readonly endpoint: string
  readonly region: string
  readonly newClientId?: () => string
}

/** 16 random bytes as hex; getRandomValues works outside secure contexts too, unlike randomUUID. */
export function randomClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  const suffix = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${DASHBOARD_CLIENT_ID_PREFIX}${suffix}`
}

/** SUBACK 0x80 and above: mqtt.js rejects the SUBSCRIBE with the code. */
const isRefusal = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | undefined)?.code
  return typeof code === 'number' && code >= 0x80
}

function liveConnection(client: MqttClient): LiveConnection {
  return {
    subscribe: async (filters) => {
      // One SUBSCRIBE per filter: mqtt.js rejects a whole SUBSCRIBE when the
      // broker refuses any filter in it, and AWS takes at most 8 per packet.
      const results = await Promise.allSettled(
        filters.map((filter) => client.subscribeAsync(filter, { qos: 1 })),
      )
      const refused: string[] = []
      for (const [index, result] of results.entries()) {
        const filter = filters[index] ?? ''
        if (result.status === 'fulfilled') {
          if (result.value.some((grant) => grant.qos >= 0x80)) refused.push(filter)
        } else if (isRefusal(result.reason)) {
          refused.push(filter)
        } else {
          throw result.reason
        }
      }
      return refused
    },
    unsubscribe: (filters) => {
      if (filters.length > 0 && client.connected) client.unsubscribe([...filters])
    },
    close: () => {
      client.end(true)
    },
  }
}

export function mqttTransport({
  endpoint,
  region,
  newClientId = randomClientId,
}: MqttTransportOptions): ConnectLive {
  return async (credentials, events) => {
    const [url, mqtt] = await Promise.all([
      signMqttUrl({ endpoint, region, credentials }),
      import('mqtt').then((module) => module.default),
    ])
    const options: IClientOptions = {
      clientId: newClientId(),
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: CONNECT_TIMEOUT_MS,
      keepalive: KEEPALIVE_SECONDS,
      timerVariant: 'native',
    }
    const client = mqtt.connect(url, options)
    let connected = false
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => {
        connected = true
        resolve()
      })
      // Errors (a refused CONNECT, a dead socket) are followed by 'close'.
      client.on('error', (error) => {
        if (connected) return
        reject(error)
        client.end(true)
      })
      client.on('message', (topic, payload) => events.onMessage(topic, payload))
      client.once('close', () => {
        // A refused WebSocket upgrade (403: bad or expired signature) ends here without an MQTT error.
        if (!connected)
          reject(new Error('The MQTT connection closed before the broker accepted it.'))
        client.end(true)
        if (connected) events.onClose()
      })
    })
    return liveConnection(client)
  }
}
