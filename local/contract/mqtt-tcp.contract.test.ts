import { describe, expect, it } from 'vitest'
import { createThings } from '../testing/fleet-helpers.ts'
import { useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import { connectMqtt, subscribeCodes } from '../testing/mqtt-helpers.ts'

/**
 * The plain TCP listener, a loopback convenience: the client id names the
 * thing the connection acts as, and a thing may use only its own topics.
 */
const cloud = useLocalCloudFixture()

describe('MQTT over plain TCP', () => {
  it('refuses a client id that names no thing', async () => {
    await expect(connectMqtt(cloud.mqttEndpoint, 'no-such-thing')).rejects.toMatchObject({
      code: 5,
    })
  })

  it("lets a thing subscribe to its own topics and refuses another thing's and the events", async () => {
    const [self = '', other = ''] = await createThings(cloud.iot, 2)
    const device = await connectMqtt(cloud.mqttEndpoint, self)
    try {
      expect(
        await subscribeCodes(device, [
          `$aws/things/${self}/jobs/notify-next`,
          `$aws/things/${self}/jobs/#`,
          `$aws/things/${other}/jobs/notify`,
          '$aws/events/#',
          '#',
        ]),
      ).toEqual([0, 0, 128, 128, 128])
    } finally {
      await device.endAsync()
    }
  })

  it("disconnects a thing that publishes to another thing's topic, and keeps serving others", async () => {
    const [self = '', other = ''] = await createThings(cloud.iot, 2)
    const bystander = await connectMqtt(cloud.mqttEndpoint, other)
    const device = await connectMqtt(cloud.mqttEndpoint, self)
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()))
    device.publish(`$aws/things/${other}/jobs/get`, JSON.stringify({ clientToken: 'x' }))
    await closed
    expect(bystander.connected).toBe(true)
    await bystander.endAsync()
    device.end(true)
  })
})
