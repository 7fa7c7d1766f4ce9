import { CreateJobCommand, DescribeJobCommand } from '@aws-sdk/client-iot'
import { afterAll, describe, expect, it } from 'vitest'
import { arnOfGroup, createGroupOf, createThings } from '../../local/testing/fleet-helpers.ts'
import { eventually } from '../../local/testing/eventually.ts'
import { uniqueName, useLocalCloudFixture } from '../../local/testing/local-cloud-fixture.ts'
import { s3Client } from '../../local/testing/s3-helpers.ts'
import {
  ensureBuckets,
  installDocument,
  presignedUrlConfig,
  publishFirmware,
  startFleet,
  type SimulatedFleet,
} from './simulation-world.ts'

/**
 * A 1,000-device job to completion: one process, one scheduler, one MQTT
 * connection per device, the emulated clock at 60× so the rollout's minutes
 * pass in seconds. Bounded in time, not timed (speed lives in bench/fleet.ts).
 */
const cloud = useLocalCloudFixture({ clockSpeed: 60 })
const COUNT = 1_000
let world: SimulatedFleet | undefined

afterAll(async () => {
  await world?.stop()
})

describe('a 1,000-device fleet', () => {
  it('takes an install job to COMPLETED with every execution SUCCEEDED', async () => {
    const things = await createThings(cloud.iot, COUNT, 'k')
    const group = await createGroupOf(cloud.iot, things)
    await ensureBuckets(s3Client(cloud.endpoint))
    const image = await publishFirmware(s3Client(cloud.endpoint), {
      model: 'lamp-v2',
      version: '2.0.0',
      key: `lamp-v2/${uniqueName('k')}.bin`,
    })
    world = startFleet({
      mqttUrl: cloud.mqttEndpoint,
      devices: things.map((thingName) => ({
        thingName,
        model: 'lamp-v2',
        firmwareVersion: '1.0.0',
      })),
      // Spread the connections over a second; short simulated reboots.
      knobs: { connectDelayMs: 500, jitter: 1, rebootMs: 100, progressReports: 1 },
    })
    const fleet = world.fleet
    await eventually(
      () =>
        expect([...fleet.devices.values()].filter((device) => device.isOnline()).length).toBe(
          COUNT,
        ),
      { timeoutMs: 60_000, intervalMs: 250 },
    )
    const jobId = uniqueName('thousand')
    await cloud.iot.send(
      new CreateJobCommand({
        jobId,
        targets: [arnOfGroup(group)],
        presignedUrlConfig,
        document: installDocument(image, { version: '2.0.0' }),
      }),
    )
    const job = await eventually(
      async () => {
        const { job: described } = await cloud.iot.send(new DescribeJobCommand({ jobId }))
        expect(described?.status).toBe('COMPLETED')
        return described
      },
      { timeoutMs: 150_000, intervalMs: 500 },
    )
    expect(job?.jobProcessDetails?.numberOfSucceededThings).toBe(COUNT)
    expect(
      [...fleet.devices.values()].every((device) => device.state().firmwareVersion === '2.0.0'),
    ).toBe(true)
  }, 240_000)
})
