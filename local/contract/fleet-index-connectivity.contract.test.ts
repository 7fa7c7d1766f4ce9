import { IoTClient, SearchIndexCommand, type ThingConnectivity } from '@aws-sdk/client-iot'
import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_CREDENTIALS, REGION } from '../config.ts'
import { eventually } from '../testing/eventually.ts'
import { createThings } from '../testing/fleet-helpers.ts'
import { enableFleetIndexing } from '../testing/fleet-index-helpers.ts'
import { useLocalCloudFixture, useRestartableLocalCloud } from '../testing/local-cloud-fixture.ts'
import { connectMqtt } from '../testing/mqtt-helpers.ts'

/**
 * connectivity.* in the thing index, from MQTT connects and disconnects of
 * clients whose id is a thing's name, with AWS's disconnect reasons.
 * https://docs.aws.amazon.com/iot/latest/developerguide/life-cycle-events.html
 */
const cloud = useLocalCloudFixture()

beforeAll(async () => {
  await enableFleetIndexing(cloud.iot)
})

async function connectivityOf(iot: IoTClient, thingName: string): Promise<ThingConnectivity> {
  const { things } = await iot.send(
    new SearchIndexCommand({ queryString: `thingName:${thingName}` }),
  )
  return things?.[0]?.connectivity ?? {}
}

/** Waits until the index shows the thing in the wanted state (the broker tells the index as the socket closes). */
const eventuallyConnectivity = (thingName: string, expected: Partial<ThingConnectivity>) =>
  eventually(async () => {
    const connectivity = await connectivityOf(cloud.iot, thingName)
    expect(connectivity).toMatchObject(expected)
    return connectivity
  })

describe('connectivity', () => {
  it('is connected while a device is, and disconnected by the client when it says DISCONNECT', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1, 'conn')
    expect(await connectivityOf(cloud.iot, thingName)).toEqual({ connected: false, timestamp: 0 })
    const before = Date.now()
    const device = await connectMqtt(cloud.mqttEndpoint, thingName)
    const connected = await eventuallyConnectivity(thingName, { connected: true })
    expect(connected.timestamp).toBeGreaterThanOrEqual(before - 1000)
    expect(connected.timestamp).toBeLessThanOrEqual(Date.now() + 1000)
    expect(connected.disconnectReason).toBeUndefined()
    const { things } = await cloud.iot.send(
      new SearchIndexCommand({
        queryString: `thingName:${thingName} AND connectivity.connected:true AND connectivity.timestamp>=${connected.timestamp}`,
      }),
    )
    expect(things).toHaveLength(1)

    await device.endAsync()
    const disconnected = await eventuallyConnectivity(thingName, {
      connected: false,
      disconnectReason: 'CLIENT_INITIATED_DISCONNECT',
    })
    expect(disconnected.timestamp).toBeGreaterThanOrEqual(connected.timestamp ?? 0)
  })

  it('records a dropped connection as CONNECTION_LOST', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1, 'lost')
    const device = await connectMqtt(cloud.mqttEndpoint, thingName)
    await eventuallyConnectivity(thingName, { connected: true })
    device.stream.destroy()
    device.end(true)
    await eventuallyConnectivity(thingName, {
      connected: false,
      disconnectReason: 'CONNECTION_LOST',
    })
  })

  it('stays connected when a second connection takes over the client id', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1, 'dup')
    const first = await connectMqtt(cloud.mqttEndpoint, thingName)
    const firstClosed = new Promise<void>((resolve) => first.once('close', () => resolve()))
    const second = await connectMqtt(cloud.mqttEndpoint, thingName)
    await firstClosed
    first.end(true)
    // The takeover's disconnect must not mark the thing disconnected.
    await new Promise((resolve) => setTimeout(resolve, 200))
    await eventuallyConnectivity(thingName, { connected: true })
    await second.endAsync()
    await eventuallyConnectivity(thingName, { connected: false })
  })

  it('records a device disconnected for publishing where it may not as FORBIDDEN_ACCESS', async () => {
    const [thingName = '', other = ''] = await createThings(cloud.iot, 2, 'forbidden')
    const device = await connectMqtt(cloud.mqttEndpoint, thingName)
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()))
    device.publish(`$aws/things/${other}/shadow/update`, '{}')
    await closed
    device.end(true)
    await eventuallyConnectivity(thingName, {
      connected: false,
      disconnectReason: 'FORBIDDEN_ACCESS',
    })
  })
})

describe('connectivity across a restart', () => {
  const { start } = useRestartableLocalCloud('connectivity')

  it('is kept, and a device connected when the local cloud stopped shows as disconnected by the server', async () => {
    const first = await start()
    const client = (endpoint: string) =>
      new IoTClient({ region: REGION, endpoint, credentials: ADMIN_CREDENTIALS, maxAttempts: 1 })
    const before = client(first.endpoint)
    await enableFleetIndexing(before)
    const [thingName = ''] = await createThings(before, 1, 'restart')
    const device = await connectMqtt(first.mqttEndpoint, thingName)
    const connected = await eventually(async () => {
      const connectivity = await connectivityOf(before, thingName)
      expect(connectivity.connected).toBe(true)
      return connectivity
    })
    before.destroy()
    await first.stop()
    device.end(true)

    const second = await start()
    const after = client(second.endpoint)
    try {
      const restored = await connectivityOf(after, thingName)
      expect(restored).toMatchObject({
        connected: false,
        disconnectReason: 'SERVER_INITIATED_DISCONNECT',
      })
      expect(restored.timestamp).toBeGreaterThanOrEqual(connected.timestamp ?? 0)
    } finally {
      after.destroy()
    }
  })
})
