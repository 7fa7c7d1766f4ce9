import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, createWebSocketStream } from 'ws'
import type { CredentialDirectory } from '../edge/authenticate.ts'
import { coalescedWrites } from './coalesced-writes.ts'
import type { OriginPolicy } from '../edge/origins.ts'
import type { MqttBroker } from './mqtt-broker.ts'
import { MAX_PACKET_BYTES } from './packet-size-limit.ts'
import { authenticateWebSocket } from './websocket-auth.ts'

/**
 * MQTT over WebSocket at `ws://<edge>/mqtt`, on the edge's port, as AWS IoT
 * serves browsers at `wss://<endpoint>/mqtt`. The upgrade is refused with an
 * HTTP status unless the URL is signed (websocket-auth.ts) by credentials the
 * local cloud issued; the connection then acts as that IAM principal.
 */
export const MQTT_WEBSOCKET_PATH = '/mqtt'

/**
 * AWS IoT closes a WebSocket connection after 24 hours at most, and when the
 * temporary credentials that signed it expire.
 * https://docs.aws.amazon.com/general/latest/gr/iot-core.html#message-broker-limits
 */
export const MAX_WEBSOCKET_CONNECTION_MS = 24 * 60 * 60 * 1000

function refuse(socket: Duplex, status: number, reason: string): void {
  const text = status === 404 ? 'Not Found' : status === 401 ? 'Unauthorized' : 'Forbidden'
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  )
}

export function attachMqttWebSocket(
  server: Server,
  {
    broker,
    credentials,
    origins,
    realNow = Date.now,
  }: {
    broker: MqttBroker
    credentials: CredentialDirectory
    origins: OriginPolicy
    realNow?: () => number
  },
): WebSocketServer {
  // MQTT clients offer the `mqtt` subprotocol (MQTT 3.1.1 §6); answer with it.
  const sockets = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false),
    // One MQTT packet per message, as MQTT clients send them (§6); ws's default is 100 MiB.
    // A larger message closes the connection with 1009 before it is buffered.
    maxPayload: MAX_PACKET_BYTES,
  })
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '/').split('?')[0]
    if (path !== MQTT_WEBSOCKET_PATH) return refuse(socket, 404, 'Only /mqtt takes WebSockets.')
    if (!origins.isAllowedHost(request.headers.host ?? '')) {
      return refuse(socket, 403, 'The local cloud answers only loopback host names.')
    }
    const caller = authenticateWebSocket(request, credentials, realNow())
    if ('status' in caller) return refuse(socket, caller.status, caller.reason)
    sockets.handleUpgrade(request, socket, head, (webSocket) => {
      const endsAtMs = Math.min(
        caller.expiresAtMs ?? Number.POSITIVE_INFINITY,
        realNow() + MAX_WEBSOCKET_CONNECTION_MS,
      )
      const timer = setTimeout(() => webSocket.terminate(), Math.max(0, endsAtMs - realNow()))
      timer.unref()
      webSocket.once('close', () => clearTimeout(timer))
      broker.handle(coalescedWrites(createWebSocketStream(webSocket)), {
        transport: 'websocket',
        caller,
      })
    })
  })
  return sockets
}
