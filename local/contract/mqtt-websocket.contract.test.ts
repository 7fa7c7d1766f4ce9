import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import {
  ROLE_NAMES,
  type FleetdeckRole,
  DASHBOARD_CLIENT_ID_PREFIX,
} from '../../domain/permissions.ts'
import { ACCOUNT_ID } from '../config.ts'
import { createThings } from '../testing/fleet-helpers.ts'
import { useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import {
  connectMqtt,
  connectMqttWebSocket,
  nextMessage,
  signMqttUrl,
  subscribeCodes,
} from '../testing/mqtt-helpers.ts'

/**
 * MQTT over the edge's WebSocket, signed with SigV4 by credentials the
 * local cloud issued, as the dashboard connects for live job events.
 */
const cloud = useLocalCloudFixture()

function credentialsOf(role: FleetdeckRole, lifetimeMs = 3_600_000) {
  return cloud.running.cloud.temporaryCredentials.issue(
    `arn:aws:iam::${ACCOUNT_ID}:role/${ROLE_NAMES[role]}`,
    'CognitoIdentityCredentials',
    lifetimeMs,
  )
}

/** The HTTP status the edge answers a WebSocket upgrade with (101 when it upgrades). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'mqtt')
    socket.once('upgrade', (response) => {
      socket.terminate()
      resolve(response.statusCode ?? 0)
    })
    socket.once('unexpected-response', (_request, response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    socket.once('error', reject)
  })
}

describe('MQTT over a signed WebSocket', () => {
  it('lets a viewer subscribe to job events and receive them, signed either way AWS accepts', async () => {
    const credentials = credentialsOf('viewer')
    for (const tokenAfterSigning of [false, true]) {
      const viewer = await connectMqttWebSocket(
        cloud.endpoint,
        credentials,
        `${DASHBOARD_CLIENT_ID_PREFIX}viewer-${String(tokenAfterSigning)}`,
        {
          tokenAfterSigning,
        },
      )
      try {
        expect(await subscribeCodes(viewer, ['$aws/events/#'])).toEqual([0])
        const received = nextMessage(viewer, '$aws/events/job/j1/completed')
        await cloud.running.cloud.mqtt.publish('$aws/events/job/j1/completed', { jobId: 'j1' })
        expect(await received).toEqual({ jobId: 'j1' })
      } finally {
        await viewer.endAsync()
      }
    }
  })

  it("refuses a browser user's subscriptions outside the events, and disconnects it on a device publish", async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    for (const role of ['viewer', 'operator'] as const) {
      const user = await connectMqttWebSocket(
        cloud.endpoint,
        credentialsOf(role),
        `${DASHBOARD_CLIENT_ID_PREFIX}${role}`,
      )
      expect(await subscribeCodes(user, [`$aws/things/${thingName}/jobs/#`, '#'])).toEqual([
        128, 128,
      ])
      const closed = new Promise<void>((resolve) => user.once('close', () => resolve()))
      user.publish(`$aws/things/${thingName}/jobs/get`, JSON.stringify({ clientToken: 'x' }))
      await closed
      user.end(true)
    }
  })

  it("refuses a browser user a device's client id, so it cannot knock the device off", async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const device = await connectMqtt(cloud.mqttEndpoint, thingName)
    try {
      await expect(
        connectMqttWebSocket(cloud.endpoint, credentialsOf('viewer'), thingName),
      ).rejects.toMatchObject({ code: 5 })
      expect(device.connected).toBe(true)
    } finally {
      await device.endAsync()
    }
  })

  it('does not deliver device replies or other things’ topics to an events subscriber', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const viewer = await connectMqttWebSocket(
      cloud.endpoint,
      credentialsOf('viewer'),
      `${DASHBOARD_CLIENT_ID_PREFIX}watcher`,
    )
    const device = await connectMqtt(cloud.mqttEndpoint, thingName)
    try {
      await subscribeCodes(viewer, ['$aws/events/#'])
      const seen: string[] = []
      viewer.on('message', (topic) => seen.push(topic))
      await device.publishAsync(`$aws/things/${thingName}/custom`, 'hello')
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(seen).toEqual([])
    } finally {
      await viewer.endAsync()
      await device.endAsync()
    }
  })

  it('refuses the upgrade when the URL is unsigned, tampered, expired or signed by expired credentials', async () => {
    const credentials = credentialsOf('viewer')
    const good = await signMqttUrl(cloud.endpoint, credentials)
    const unsigned = `ws://${new URL(cloud.endpoint).host}/mqtt`
    const tampered = good.replace(/X-Amz-Date=\d{8}T/, (prefix) =>
      prefix.replace(/\d{8}/, '20200101'),
    )
    const stale = await signMqttUrl(cloud.endpoint, credentials, {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 120_000),
    })
    const expired = credentialsOf('viewer', 1)
    await new Promise((resolve) => setTimeout(resolve, 5))
    const byExpired = await signMqttUrl(cloud.endpoint, expired)
    expect(await upgradeStatus(good)).toBe(101)
    expect(await upgradeStatus(unsigned)).toBe(401)
    for (const url of [tampered, stale, byExpired]) expect(await upgradeStatus(url)).toBe(403)
    await expect(
      connectMqttWebSocket(cloud.endpoint, expired, `${DASHBOARD_CLIENT_ID_PREFIX}late`),
    ).rejects.toThrow()
  })
})
