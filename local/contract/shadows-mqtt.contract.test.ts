import { GetThingShadowCommand, type IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane'
import type { MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLE_NAMES, DASHBOARD_CLIENT_ID_PREFIX } from '../../domain/permissions.ts'
import { ACCOUNT_ID } from '../config.ts'
import { createThings } from '../testing/fleet-helpers.ts'
import { useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import { connectMqtt, connectMqttWebSocket } from '../testing/mqtt-helpers.ts'
import {
  collectMessages,
  dataPlaneClient,
  getShadow,
  updateShadow,
} from '../testing/shadow-helpers.ts'

/**
 * Device shadows over MQTT (plain TCP, client id = thing name), and the
 * announcements both wires make: a device publishes requests on
 * `…/shadow/{update,get,delete}` and hears the service on the response
 * topics it subscribed to; an update over HTTPS reaches it as a delta.
 */
const cloud = useLocalCloudFixture()
let data: IoTDataPlaneClient

beforeAll(() => {
  data = dataPlaneClient(cloud.endpoint)
})
afterAll(() => data.destroy())

const RESPONSES = [
  'get/accepted',
  'get/rejected',
  'update/accepted',
  'update/rejected',
  'update/delta',
  'update/documents',
  'delete/accepted',
  'delete/rejected',
]

/** A device subscribed to a shadow's response topics, as AWS's device SDKs subscribe. */
async function device(shadowName?: string) {
  const [thingName = ''] = await createThings(cloud.iot, 1, 'shadow')
  const client = await connectMqtt(cloud.mqttEndpoint, thingName)
  const prefix =
    shadowName === undefined
      ? `$aws/things/${thingName}/shadow`
      : `$aws/things/${thingName}/shadow/name/${shadowName}`
  const messages = collectMessages(client)
  await client.subscribeAsync(RESPONSES.map((response) => `${prefix}/${response}`))
  const request = (action: 'update' | 'get' | 'delete', document?: unknown) =>
    client.publishAsync(
      `${prefix}/${action}`,
      document === undefined ? '' : JSON.stringify(document),
    )
  const next = (response: string) => messages.next(`${prefix}/${response}`)
  return { thingName, client, prefix, messages, request, next }
}

const closing: MqttClient[] = []
afterAll(async () => {
  for (const client of closing) await client.endAsync()
})

describe('a device', () => {
  it('creates its shadow by reporting after a get is rejected, and gets it back', async () => {
    const { thingName, client, request, next } = await device()
    closing.push(client)
    await request('get', { clientToken: 'first-get' })
    expect(await next('get/rejected')).toEqual({
      code: 404,
      message: `No shadow exists with name: '${thingName}'`,
      clientToken: 'first-get',
    })
    await request('update', { state: { reported: { firmware: '1.0.0' } }, clientToken: 'boot' })
    expect(await next('update/accepted')).toMatchObject({
      state: { reported: { firmware: '1.0.0' } },
      metadata: { reported: { firmware: { timestamp: expect.any(Number) as number } } },
      version: 1,
      clientToken: 'boot',
    })
    expect(await next('update/documents')).toMatchObject({
      previous: null,
      current: { state: { reported: { firmware: '1.0.0' } }, version: 1 },
      clientToken: 'boot',
    })
    await request('get')
    expect(await next('get/accepted')).toMatchObject({
      state: { reported: { firmware: '1.0.0' } },
      version: 1,
    })
  })

  it('hears a desired change made over HTTPS on update/delta, and clears it by reporting', async () => {
    const { thingName, client, request, next, messages, prefix } = await device()
    closing.push(client)
    await request('update', { state: { reported: { firmware: '1.0.0', color: 'green' } } })
    await next('update/accepted')
    await next('update/documents')

    await updateShadow(data, thingName, {
      state: { desired: { firmware: '1.1.0', color: 'green' } },
      clientToken: 'operator',
    })
    expect(await next('update/delta')).toEqual({
      version: 2,
      timestamp: expect.any(Number) as number,
      state: { firmware: '1.1.0' },
      metadata: { firmware: { timestamp: expect.any(Number) as number } },
      clientToken: 'operator',
    })
    expect(await next('update/accepted')).toMatchObject({ version: 2, clientToken: 'operator' })
    expect(await next('update/documents')).toMatchObject({
      previous: { version: 1 },
      current: {
        state: {
          desired: { firmware: '1.1.0', color: 'green' },
          reported: { firmware: '1.0.0', color: 'green' },
        },
        version: 2,
      },
    })

    // A report publishes no delta, even one that leaves a difference.
    await request('update', { state: { reported: { uptime: 5 } }, version: 2 })
    expect(await next('update/accepted')).toMatchObject({ version: 3 })
    await next('update/documents')
    expect(messages.on(`${prefix}/update/delta`)).toEqual([])
    expect((await getShadow(data, thingName)).state).toMatchObject({
      delta: { firmware: '1.1.0' },
    })

    await request('update', { state: { reported: { firmware: '1.1.0' } }, version: 3 })
    expect(await next('update/accepted')).toMatchObject({ version: 4 })
    await next('update/documents')
    expect((await getShadow(data, thingName)).state).not.toHaveProperty('delta')
    expect(messages.on(`${prefix}/update/delta`)).toEqual([])
  })

  it('is told of a version conflict and of invalid documents on update/rejected', async () => {
    const { client, request, next } = await device()
    closing.push(client)
    await request('update', { state: { reported: { a: 1 } } })
    await next('update/accepted')
    await request('update', { state: { reported: { a: 2 } }, version: 7, clientToken: 'stale' })
    expect(await next('update/rejected')).toEqual({
      code: 409,
      message: 'Version conflict',
      clientToken: 'stale',
    })
    await request('update', { state: { reported: [1] }, clientToken: 'bad' })
    expect(await next('update/rejected')).toEqual({
      code: 400,
      message: 'Reported node must be an object',
      clientToken: 'bad',
    })
  })

  it('deletes its shadow, and a later update continues the version', async () => {
    const { thingName, client, request, next } = await device()
    closing.push(client)
    await request('update', { state: { reported: { a: 1 } } })
    await next('update/accepted')
    await request('delete', { clientToken: 'bye' })
    expect(await next('delete/accepted')).toEqual({
      version: 1,
      timestamp: expect.any(Number) as number,
      clientToken: 'bye',
    })
    await expect(data.send(new GetThingShadowCommand({ thingName }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    })
    await request('delete')
    expect(await next('delete/rejected')).toMatchObject({ code: 404 })
    await request('update', { state: { reported: { a: 2 } } })
    expect(await next('update/accepted')).toMatchObject({ version: 2 })
  })

  it('reports its installed versions in the $package shadow', async () => {
    const { thingName, client, request, next } = await device('$package')
    closing.push(client)
    await request('update', {
      state: { reported: { firmware: { version: '2.0.0', attributes: { channel: 'beta' } } } },
    })
    expect(await next('update/accepted')).toMatchObject({ version: 1 })
    expect(await getShadow(data, thingName, '$package')).toMatchObject({
      state: { reported: { firmware: { version: '2.0.0' } } },
    })
    await expect(getShadow(data, thingName)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    })
  })
})

describe('announcements', () => {
  it('reach every subscriber allowed to receive them, such as a viewer on the WebSocket', async () => {
    const { thingName, client, request, next } = await device()
    closing.push(client)
    const credentials = cloud.running.cloud.temporaryCredentials.issue(
      `arn:aws:iam::${ACCOUNT_ID}:role/${ROLE_NAMES.viewer}`,
      'dashboard',
      3_600_000,
    )
    const viewer = await connectMqttWebSocket(
      cloud.endpoint,
      credentials,
      `${DASHBOARD_CLIENT_ID_PREFIX}shadows`,
    )
    closing.push(viewer)
    const seen = collectMessages(viewer)
    const documents = `$aws/things/${thingName}/shadow/update/documents`
    await viewer.subscribeAsync(documents)
    await request('update', { state: { reported: { firmware: '3.0.0' } } })
    await next('update/accepted')
    expect(await seen.next(documents)).toMatchObject({
      current: { state: { reported: { firmware: '3.0.0' } }, version: 1 },
    })
    // HTTPS updates are announced the same way.
    await updateShadow(data, thingName, { state: { desired: { firmware: '3.1.0' } } })
    expect(await seen.next(documents)).toMatchObject({ current: { version: 2 } })
  })
})
