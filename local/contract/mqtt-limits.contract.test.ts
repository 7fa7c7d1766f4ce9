import { connect as connectTcp, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { DASHBOARD_CLIENT_ID_PREFIX, ROLE_NAMES } from '../../domain/permissions.ts'
import { ACCOUNT_ID, REGION } from '../config.ts'
import { EMPTY_SHA256 } from '../edge/sigv4-crypto.ts'
import { expectedQuerySignature, parseQueryAuthorization } from '../edge/sigv4-query.ts'
import { createThings } from '../testing/fleet-helpers.ts'
import { useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import {
  connectMqtt,
  connectMqttWebSocket,
  nextMessage,
  signMqttUrl,
  subscribeCodes,
  type WebSocketCredentials,
} from '../testing/mqtt-helpers.ts'

/**
 * AWS IoT's message broker limits, checked on the wire: packet size (before
 * the broker buffers a packet), subscriptions per connection, topic depth,
 * retained messages, and the lifetime of signed WebSocket connections.
 * https://docs.aws.amazon.com/general/latest/gr/iot-core.html#message-broker-limits
 */
const cloud = useLocalCloudFixture()

const viewerCredentials = (lifetimeMs = 3_600_000) =>
  cloud.running.cloud.temporaryCredentials.issue(
    `arn:aws:iam::${ACCOUNT_ID}:role/${ROLE_NAMES.viewer}`,
    'CognitoIdentityCredentials',
    lifetimeMs,
  )

/** MQTT 3.1.1 §2.2.3: the remaining length, 7 bits a byte. */
function remainingLength(length: number): Buffer {
  const bytes: number[] = []
  let left = length
  do {
    const byte = left % 128
    left = Math.floor(left / 128)
    bytes.push(left > 0 ? byte | 0x80 : byte)
  } while (left > 0)
  return Buffer.from(bytes)
}

const utf8Field = (text: string) => {
  const bytes = Buffer.from(text)
  return Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes])
}

/** A raw TCP connection that has sent CONNECT as `clientId` and received CONNACK 0. */
async function rawConnection(clientId: string): Promise<Socket> {
  const { hostname, port } = new URL(cloud.mqttEndpoint)
  const socket = connectTcp(Number(port), hostname)
  const body = Buffer.concat([
    utf8Field('MQTT'),
    Buffer.from([4, 0x02, 0, 60]), // level 4, clean session, keep alive 60 s
    utf8Field(clientId),
  ])
  socket.write(Buffer.concat([Buffer.from([0x10]), remainingLength(body.length), body]))
  const connack = await new Promise<Buffer>((resolve, reject) => {
    socket.once('data', resolve)
    socket.once('error', reject)
  })
  expect([...connack]).toEqual([0x20, 2, 0, 0])
  return socket
}

const closeOf = (socket: Socket) =>
  new Promise<void>((resolve) => {
    if (socket.destroyed) resolve()
    socket.once('close', () => resolve())
  })

/** The status and body the edge answers a WebSocket upgrade with (101 when it upgrades). */
function upgradeAnswer(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'mqtt')
    socket.once('upgrade', (response) => {
      socket.terminate()
      resolve({ status: response.statusCode ?? 0, body: '' })
    })
    socket.once('unexpected-response', (_request, response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    socket.once('error', reject)
  })
}

/**
 * A signed `/mqtt` URL with any X-Amz-Expires: the SDK's presigner refuses
 * more than a week, so this signs the canonical request itself.
 */
function signWithExpiry(credentials: WebSocketCredentials, expiresInSeconds: number): string {
  const { host } = new URL(cloud.endpoint)
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
  const url = new URL(`ws://${host}/mqtt`)
  const query = url.searchParams
  query.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256')
  query.set(
    'X-Amz-Credential',
    `${credentials.accessKeyId}/${amzDate.slice(0, 8)}/${REGION}/iotdevicegateway/aws4_request`,
  )
  query.set('X-Amz-Date', amzDate)
  query.set('X-Amz-Expires', String(expiresInSeconds))
  query.set('X-Amz-SignedHeaders', 'host')
  if (credentials.sessionToken !== undefined)
    query.set('X-Amz-Security-Token', credentials.sessionToken)
  query.set('X-Amz-Signature', '0'.repeat(64))
  const scope = parseQueryAuthorization(url)
  if (scope === undefined) throw new Error('unparsable signed URL')
  const signature = expectedQuerySignature(
    {
      method: 'GET',
      url,
      rawPath: '/mqtt',
      headers: new Headers({ host }),
      body: new Uint8Array(),
    },
    scope,
    credentials.secretAccessKey,
    '/mqtt',
    EMPTY_SHA256,
  )
  query.set('X-Amz-Signature', signature)
  return url.toString()
}

describe('MQTT packet size', () => {
  it('closes a TCP connection at the header of an oversized PUBLISH, without waiting for its body', async () => {
    const [thingName = '', bystanderName = ''] = await createThings(cloud.iot, 2)
    const bystander = await connectMqtt(cloud.mqttEndpoint, bystanderName)
    const socket = await rawConnection(thingName)
    try {
      const closed = closeOf(socket)
      // Announces a ~1 MB PUBLISH but sends only its first kilobyte: a broker
      // that buffers before checking would wait for the rest.
      const topic = utf8Field(`$aws/things/${thingName}/big`)
      socket.write(
        Buffer.concat([
          Buffer.from([0x30]),
          remainingLength(topic.length + 1_000_000),
          topic,
          Buffer.alloc(1024),
        ]),
      )
      await closed
      expect(bystander.connected).toBe(true)
      const echo = nextMessage(bystander, `$aws/things/${bystanderName}/still-here`)
      await subscribeCodes(bystander, [`$aws/things/${bystanderName}/still-here`])
      await bystander.publishAsync(`$aws/things/${bystanderName}/still-here`, '{"ok":true}')
      expect(await echo).toEqual({ ok: true })
    } finally {
      socket.destroy()
      await bystander.endAsync()
    }
  })

  it('closes the connection of an mqtt.js client that publishes 1 MB', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const device = await connectMqtt(cloud.mqttEndpoint, thingName)
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()))
    device.publish(`$aws/things/${thingName}/big`, Buffer.alloc(1_000_000))
    await closed
    device.end(true)
  })

  it('closes a WebSocket whose frame is larger than one MQTT packet may be', async () => {
    const socket = new WebSocket(await signMqttUrl(cloud.endpoint, viewerCredentials()), 'mqtt')
    await new Promise((resolve, reject) => {
      socket.once('open', resolve)
      socket.once('error', reject)
    })
    const code = new Promise<number>((resolve) => socket.once('close', resolve))
    socket.send(Buffer.alloc(1_000_000))
    // 1009: message too big (RFC 6455 §7.4.1).
    expect(await code).toBe(1009)
  })
})

describe('MQTT subscriptions and topics', () => {
  it('refuses the 51st subscription of a connection, and grants it again after an unsubscribe', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const device = await connectMqtt(cloud.mqttEndpoint, thingName)
    try {
      const filters = Array.from(
        { length: 51 },
        (_, index) => `$aws/things/${thingName}/t/${index}`,
      )
      const codes = await subscribeCodes(device, filters)
      expect(codes.slice(0, 50)).toEqual(Array.from({ length: 50 }, () => 0))
      expect(codes[50]).toBe(128)
      // Subscribing again to a granted filter is no new subscription.
      expect(await subscribeCodes(device, [filters[0] ?? ''])).toEqual([0])
      await device.unsubscribeAsync(filters[0] ?? '')
      expect(await subscribeCodes(device, [filters[50] ?? ''])).toEqual([0])
    } finally {
      await device.endAsync()
    }
  })

  it('refuses a filter deeper than 8 levels or longer than 256 bytes', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const device = await connectMqtt(cloud.mqttEndpoint, thingName)
    try {
      expect(
        await subscribeCodes(device, [
          `$aws/things/${thingName}/a/b/c/d/e`,
          `$aws/things/${thingName}/a/b/c/d/e/f`,
          `$aws/things/${thingName}/${'x'.repeat(256)}`,
        ]),
      ).toEqual([0, 128, 128])
    } finally {
      await device.endAsync()
    }
  })
})

describe('retained messages', () => {
  it("keeps a thing's retained message on its own topic for a later subscriber", async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const topic = `$aws/things/${thingName}/status`
    const device = await connectMqtt(cloud.mqttEndpoint, thingName)
    await device.publishAsync(topic, '{"online":true}', { retain: true, qos: 1 })
    await device.endAsync()
    const later = await connectMqtt(cloud.mqttEndpoint, thingName)
    try {
      const received = nextMessage(later, topic)
      await subscribeCodes(later, [topic])
      expect(await received).toEqual({ online: true })
    } finally {
      await later.endAsync()
    }
  })

  it("refuses a retained publish on another thing's topic and a viewer's retained publish", async () => {
    const [thingName = '', other = ''] = await createThings(cloud.iot, 2)
    const device = await connectMqtt(cloud.mqttEndpoint, thingName)
    const deviceClosed = new Promise<void>((resolve) => device.once('close', () => resolve()))
    device.publish(`$aws/things/${other}/status`, '{}', { retain: true })
    await deviceClosed
    device.end(true)

    const viewer = await connectMqttWebSocket(
      cloud.endpoint,
      viewerCredentials(),
      `${DASHBOARD_CLIENT_ID_PREFIX}retainer`,
    )
    const viewerClosed = new Promise<void>((resolve) => viewer.once('close', () => resolve()))
    viewer.publish('$aws/events/job/j1/completed', '{}', { retain: true })
    await viewerClosed
    viewer.end(true)

    const watcher = await connectMqttWebSocket(
      cloud.endpoint,
      viewerCredentials(),
      `${DASHBOARD_CLIENT_ID_PREFIX}watcher`,
    )
    try {
      const seen: string[] = []
      watcher.on('message', (topic) => seen.push(topic))
      expect(await subscribeCodes(watcher, ['$aws/events/#'])).toEqual([0])
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(seen).toEqual([])
    } finally {
      await watcher.endAsync()
    }
  })

  it('serves a retained request once and never replays it to a later subscriber', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const topic = `$aws/things/${thingName}/shadow/update`
    const device = await connectMqtt(cloud.mqttEndpoint, thingName)
    const accepted = nextMessage(device, `${topic}/accepted`)
    await subscribeCodes(device, [`${topic}/accepted`])
    await device.publishAsync(topic, JSON.stringify({ state: { reported: { on: true } } }), {
      retain: true,
      qos: 1,
    })
    expect(await accepted).toMatchObject({ version: 1 })
    await device.endAsync()

    const later = await connectMqtt(cloud.mqttEndpoint, thingName)
    try {
      const seen: string[] = []
      later.on('message', (received) => seen.push(received))
      expect(await subscribeCodes(later, [topic])).toEqual([0])
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(seen).toEqual([])
    } finally {
      await later.endAsync()
    }
  })
})

describe('signed WebSocket URLs and connection lifetime', () => {
  it('refuses X-Amz-Expires over seven days', async () => {
    const credentials = viewerCredentials()
    expect((await upgradeAnswer(signWithExpiry(credentials, 7 * 24 * 3600))).status).toBe(101)
    expect((await upgradeAnswer(signWithExpiry(credentials, 7 * 24 * 3600 + 1))).status).toBe(403)
  })

  it('answers an unknown access key exactly as a wrong signature', async () => {
    const credentials = viewerCredentials()
    const unknown = await signMqttUrl(cloud.endpoint, {
      accessKeyId: 'ASIAUNKNOWNKEY000000',
      secretAccessKey: 'not-a-secret',
      sessionToken: 'not-a-token',
    })
    const wrongSecret = await signMqttUrl(cloud.endpoint, {
      ...credentials,
      secretAccessKey: 'not-the-secret',
    })
    const wrongToken = await signMqttUrl(
      cloud.endpoint,
      { ...credentials, sessionToken: 'not-the-token' },
      { tokenAfterSigning: true },
    )
    const answers = await Promise.all([unknown, wrongSecret, wrongToken].map(upgradeAnswer))
    expect(answers.map(({ status }) => status)).toEqual([403, 403, 403])
    expect(new Set(answers.map(({ body }) => body)).size).toBe(1)
  })

  it('closes a browser connection when its temporary credentials expire', async () => {
    const viewer = await connectMqttWebSocket(
      cloud.endpoint,
      viewerCredentials(2_000),
      `${DASHBOARD_CLIENT_ID_PREFIX}expiring`,
    )
    const startedMs = Date.now()
    await new Promise<void>((resolve) => viewer.once('close', () => resolve()))
    expect(Date.now() - startedMs).toBeLessThan(4_000)
    viewer.end(true)
  }, 10_000)
})
