import type { Duplex } from 'node:stream'
import { Aedes, type AuthenticateError, type Client } from 'aedes'
import type { Caller } from '../edge/authenticate.ts'
import type { Principal } from '../edge/service.ts'
import { MAX_PAYLOAD_BYTES, MAX_TOPIC_BYTES, limitPacketSize } from './packet-size-limit.ts'
import { topicLevelCount, topicMatches } from './topics.ts'

/**
 * The MQTT 3.1.1 broker of the local cloud: aedes, with AWS IoT's rules for
 * who a connection is and what it may do. Like aedes itself, it opens no
 * socket: listeners (TCP, mutual TLS, WebSocket on the edge port) hand it
 * streams with what they learned about the peer. Services answer requests
 * on reserved topics (`serve`) and push events and notifications
 * (`publish`), as AWS IoT's own services do.
 */

/** What a listener knows about a connection before MQTT CONNECT. */
export type ConnectionContext =
  | { readonly transport: 'tcp' }
  | { readonly transport: 'tls'; readonly certificateId: string }
  | { readonly transport: 'websocket'; readonly caller: Caller }

/** Who a connection acts as once CONNECT is accepted. */
export type MqttIdentity =
  | {
      readonly kind: 'thing'
      readonly thingName: string
      readonly clientId: string
      /** Set on mutual TLS: the certificate whose policies apply. */
      readonly certificateId?: string
    }
  | { readonly kind: 'iam'; readonly principal: Principal; readonly clientId: string }

/** The broker's questions about a connection; answered by local/mqtt/mqtt-access.ts. */
export interface MqttAccess {
  /** The identity a CONNECT establishes, or a refusal in words for the log. */
  identify(context: ConnectionContext, clientId: string): MqttIdentity | { refused: string }
  mayPublish(identity: MqttIdentity, topic: string): boolean
  /** Whether a publish to `topic` may set the retain flag (iot:RetainPublish). */
  mayRetain(identity: MqttIdentity, topic: string): boolean
  maySubscribe(identity: MqttIdentity, filter: string): boolean
  mayReceive(identity: MqttIdentity, topic: string): boolean
}

export interface ServiceRequest {
  readonly identity: MqttIdentity
  readonly topic: string
  readonly payload: Buffer
  /** Sends to the requesting client only, whether or not it subscribed, as AWS IoT answers reserved topics. */
  reply(topic: string, payload: unknown): void
}

export type RequestHandler = (request: ServiceRequest) => void

/**
 * Why a connection ended, in AWS IoT's words (lifecycle events and fleet
 * indexing's connectivity.disconnectReason).
 * https://docs.aws.amazon.com/iot/latest/developerguide/life-cycle-events.html
 */
export type DisconnectReason =
  | 'CLIENT_INITIATED_DISCONNECT'
  | 'CLIENT_ERROR'
  | 'CONNECTION_LOST'
  | 'DUPLICATE_CLIENTID'
  | 'FORBIDDEN_ACCESS'
  | 'MQTT_KEEP_ALIVE_TIMEOUT'
  | 'SERVER_INITIATED_DISCONNECT'

export type ConnectionListener = (
  identity: MqttIdentity,
  connected: boolean,
  /** Set when `connected` is false. */
  disconnectReason?: DisconnectReason,
) => void

export interface MqttBroker {
  /** Serves one connection; `context` says what the listener verified. */
  handle(stream: Duplex, context: ConnectionContext): void
  /** Publishes JSON to every subscriber allowed to receive it. */
  publish(topic: string, payload: unknown): Promise<void>
  /**
   * Publishes by clients to `filter` are requests to a service: answered by
   * `handler`, delivered to no subscriber. The service's own `reply` and
   * `publish` under the filter are delivered as usual.
   */
  serve(filter: string, handler: RequestHandler): void
  /** Told of every accepted connection and every disconnection (fleet indexing tracks connectivity). */
  onConnectionChange(listener: ConnectionListener): void
  close(): Promise<void>
}

/**
 * AWS IoT allows at most 7 forward slashes (8 levels) in a topic or topic
 * filter; the reserved `$aws/things/{thing}/shadow/name/{shadow}/update/accepted`
 * uses all 8.
 * https://docs.aws.amazon.com/general/latest/gr/iot-core.html#message-broker-limits
 */
export const MAX_TOPIC_LEVELS = 8
/** AWS IoT's quota of subscriptions per connection; further filters get SUBACK 0x80. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50
/**
 * Retained messages the local broker keeps (in memory). AWS's quota is
 * 500,000 per account; a local cloud for development needs far fewer, and
 * each may hold 128 KB. A retained publish to a new topic past the cap is refused.
 */
export const MAX_RETAINED_MESSAGES = 1_000

const withinTopicLimits = (topic: string) =>
  Buffer.byteLength(topic) <= MAX_TOPIC_BYTES && topicLevelCount(topic) <= MAX_TOPIC_LEVELS

/** A QoS 0 PUBLISH carrying JSON, as AWS IoT's services send theirs. */
function jsonPacket(topic: string, payload: unknown) {
  return {
    cmd: 'publish' as const,
    topic,
    payload: Buffer.from(JSON.stringify(payload)),
    qos: 0 as const,
    retain: false,
    dup: false,
  }
}

function authError(message: string): AuthenticateError {
  // CONNACK return code 5: not authorized (MQTT 3.1.1 §3.2.2.3).
  return Object.assign(new Error(message), { returnCode: 5 as const })
}

export async function createMqttBroker({
  access,
  onError = (error) => console.error(error),
}: {
  access: MqttAccess
  onError?: (error: unknown) => void
}): Promise<MqttBroker> {
  const contexts = new WeakMap<Duplex, ConnectionContext>()
  const identities = new WeakMap<Client, MqttIdentity>()
  const services: { filter: string; handler: RequestHandler }[] = []
  const connectionListeners: ConnectionListener[] = []
  // What AWS would report as the reason, noted as the broker sees it happen.
  const disconnectReasons = new WeakMap<Client, DisconnectReason>()
  const connectedById = new Map<string, Client>()
  let closing = false
  const noteReason = (client: Client, reason: DisconnectReason) => {
    if (!disconnectReasons.has(client)) disconnectReasons.set(client, reason)
  }
  const reasonFor = (client: Client): DisconnectReason => {
    if (closing) return 'SERVER_INITIATED_DISCONNECT'
    // aedes marks a client that sent DISCONNECT (MQTT 3.1.1 §3.14) with this private flag.
    if ((client as Client & { _disconnected?: boolean })._disconnected === true)
      return 'CLIENT_INITIATED_DISCONNECT'
    return disconnectReasons.get(client) ?? 'CONNECTION_LOST'
  }
  const serviceFor = (topic: string) => services.find(({ filter }) => topicMatches(filter, topic))
  // Granted filters per connection, for the subscription quota. A resumed
  // session (clean=false) starts from the subscriptions aedes restored.
  const subscriptions = new WeakMap<Client, Set<string>>()
  const subscriptionsOf = (client: Client) => {
    let filters = subscriptions.get(client)
    if (filters === undefined) {
      // aedes keeps a client's filters in this field, which its typings omit.
      const restored = (client as Client & { subscriptions?: Record<string, unknown> })
        .subscriptions
      filters = new Set(Object.keys(restored ?? {}))
      subscriptions.set(client, filters)
    }
    return filters
  }
  // Topics holding a retained message; an empty retained payload clears one (MQTT-3.3.1-10).
  const retainedTopics = new Set<string>()
  const keepRetained = (topic: string, payloadBytes: number): boolean => {
    if (payloadBytes === 0) {
      retainedTopics.delete(topic)
      return true
    }
    if (!retainedTopics.has(topic) && retainedTopics.size >= MAX_RETAINED_MESSAGES) return false
    retainedTopics.add(topic)
    return true
  }

  const broker = await Aedes.createBroker({
    authenticate: (client, _username, _password, done) => {
      const context = contexts.get(client.conn)
      if (context === undefined) return done(authError('unknown connection'), false)
      const identity = access.identify(context, client.id)
      if ('refused' in identity) return done(authError(identity.refused), false)
      identities.set(client, identity)
      // The new connection takes over the client id; the old one is closed (MQTT-3.1.4-2).
      const previous = connectedById.get(client.id)
      if (previous !== undefined && previous !== client) noteReason(previous, 'DUPLICATE_CLIENTID')
      done(null, true)
    },
    authorizePublish: (client, packet, done) => {
      const identity = client === null ? undefined : identities.get(client)
      const served = serviceFor(packet.topic) !== undefined
      // A request to a service is answered now, never stored for later
      // subscribers: a retained shadow update would replay to whoever subscribes.
      if (served) packet.retain = false
      const retains = packet.retain && identity !== undefined
      const allowed =
        identity !== undefined &&
        withinTopicLimits(packet.topic) &&
        packet.payload.length <= MAX_PAYLOAD_BYTES &&
        access.mayPublish(identity, packet.topic) &&
        // AWS IoT wants iot:RetainPublish besides iot:Publish for the retain flag.
        // https://docs.aws.amazon.com/iot/latest/developerguide/mqtt.html#mqtt-retain
        (!retains || access.mayRetain(identity, packet.topic))
      const stored = allowed && retains && keepRetained(packet.topic, packet.payload.length)
      // An error here closes the client's connection, as AWS IoT disconnects
      // a client that publishes where its policy does not allow.
      // (A refused last will, published as the connection closes, is not why it closed.)
      if (!allowed && client !== null && !client.closed) noteReason(client, 'FORBIDDEN_ACCESS')
      if (allowed && retains && !stored && client !== null && !client.closed)
        noteReason(client, 'CLIENT_ERROR')
      done(
        !allowed
          ? new Error(`publish to ${packet.topic} is not authorized`)
          : retains && !stored
            ? new Error(`more than ${String(MAX_RETAINED_MESSAGES)} retained messages`)
            : null,
      )
    },
    authorizeSubscribe: (client, subscription, done) => {
      const identity = identities.get(client)
      const filters = subscriptionsOf(client)
      const allowed =
        identity !== undefined &&
        withinTopicLimits(subscription.topic) &&
        (filters.has(subscription.topic) || filters.size < MAX_SUBSCRIPTIONS_PER_CONNECTION) &&
        access.maySubscribe(identity, subscription.topic)
      if (allowed) filters.add(subscription.topic)
      // A refused filter gets SUBACK 0x80 and the connection stays up.
      done(null, allowed ? subscription : null)
    },
    authorizeForward: (client, packet) => {
      const identity = identities.get(client)
      // A client's request to a service reaches no subscriber. Only packets a
      // client published carry its clientId (aedes sets it on the way in, and
      // its typings omit it):
      // the services' own replies and pushes under a served filter (a jobs
      // reply on …/jobs/get/accepted, a notify) are delivered.
      const isRequest = 'clientId' in packet && serviceFor(packet.topic) !== undefined
      if (identity === undefined || isRequest) return null
      return access.mayReceive(identity, packet.topic) ? packet : null
    },
    published: (packet, client, done) => {
      done()
      const identity = client === null ? undefined : identities.get(client)
      const service = serviceFor(packet.topic)
      if (client === null || identity === undefined || service === undefined) return
      try {
        service.handler({
          identity,
          topic: packet.topic,
          payload: Buffer.from(packet.payload),
          reply: (topic, payload) =>
            client.publish(jsonPacket(topic, payload), (error) => {
              if (error !== undefined) onError(error)
            }),
        })
      } catch (error) {
        onError(error)
      }
    },
  })
  const tell = (identity: MqttIdentity, connected: boolean, reason?: DisconnectReason) => {
    for (const listener of connectionListeners) {
      try {
        listener(identity, connected, reason)
      } catch (error) {
        onError(error)
      }
    }
  }
  broker.on('clientReady', (client) => {
    connectedById.set(client.id, client)
    const identity = identities.get(client)
    if (identity !== undefined) tell(identity, true)
  })
  broker.on('unsubscribe', (filters, client) => {
    const granted = subscriptions.get(client)
    for (const filter of filters) granted?.delete(filter)
  })
  broker.on('clientDisconnect', (client) => {
    subscriptions.delete(client)
    if (connectedById.get(client.id) === client) connectedById.delete(client.id)
    const identity = identities.get(client)
    if (identity !== undefined) tell(identity, false, reasonFor(client))
  })
  broker.on('keepaliveTimeout', (client) => noteReason(client, 'MQTT_KEEP_ALIVE_TIMEOUT'))
  // One misbehaving client closes only its own connection.
  // Socket errors (ECONNRESET, …) are a lost connection; anything else is the client's fault.
  broker.on('clientError', (client, error) =>
    noteReason(
      client,
      /^E[A-Z]+$/.test(String((error as Error & { code?: unknown }).code))
        ? 'CONNECTION_LOST'
        : 'CLIENT_ERROR',
    ),
  )
  broker.on('connectionError', () => undefined)

  return {
    handle: (stream, context) => {
      const connection = limitPacketSize(stream)
      contexts.set(connection, context)
      broker.handle(connection)
    },
    publish: (topic, payload) =>
      new Promise((resolve, reject) =>
        broker.publish(jsonPacket(topic, payload), (error) =>
          error === undefined ? resolve() : reject(error),
        ),
      ),
    serve: (filter, handler) => {
      services.push({ filter, handler })
    },
    onConnectionChange: (listener) => {
      connectionListeners.push(listener)
    },
    close: () => {
      closing = true
      return new Promise((resolve) => broker.close(() => resolve()))
    },
  }
}
