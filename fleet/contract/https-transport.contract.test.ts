import {
  CreateJobCommand,
  DescribeJobCommand,
  ListJobExecutionsForJobCommand,
} from '@aws-sdk/client-iot'
import { GetThingShadowCommand, IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane'
import { afterAll, describe, expect, it } from 'vitest'
import { arnOfGroup, createGroupOf, createThings } from '../../local/testing/fleet-helpers.ts'
import { eventually } from '../../local/testing/eventually.ts'
import { uniqueName, useLocalCloudFixture } from '../../local/testing/local-cloud-fixture.ts'
import { s3Client } from '../../local/testing/s3-helpers.ts'
import { createFleet, type Fleet } from '../fleet-runner.ts'
import { createRandom } from '../random.ts'
import { createRealTimeScheduler } from '../scheduler.ts'
import { createHttpsTransport } from '../transport/https-transport.ts'
import {
  ensureBuckets,
  installDocument,
  presignedUrlConfig,
  publishFirmware,
} from './simulation-world.ts'

/**
 * `--transport https`: the same devices over the Jobs HTTPS data plane and
 * UpdateThingShadow. No notify-next over HTTPS, so devices find the job by
 * polling; an install with its reboot still ends SUCCEEDED, and the running
 * version lands in the classic and `$package` shadows.
 */
const cloud = useLocalCloudFixture({ clockSpeed: 60 })
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }
const scheduler = createRealTimeScheduler()
let fleet: Fleet | undefined

afterAll(async () => {
  await fleet?.stop()
  scheduler.stop()
})

const reportedOf = async (iotData: IoTDataPlaneClient, thingName: string, shadowName?: string) => {
  const out = await iotData.send(
    new GetThingShadowCommand({ thingName, ...(shadowName === undefined ? {} : { shadowName }) }),
  )
  const document = JSON.parse(new TextDecoder().decode(out.payload)) as {
    state: { reported: Record<string, unknown> }
  }
  return document.state.reported
}

describe('the HTTPS device plane', () => {
  it('polls for a job, installs with a reboot, and reports the version in both shadows', async () => {
    const things = await createThings(cloud.iot, 3, 'h')
    const group = await createGroupOf(cloud.iot, things)
    const s3 = s3Client(cloud.endpoint)
    await ensureBuckets(s3)
    const image = await publishFirmware(s3, {
      model: 'lamp-v2',
      version: '2.0.0',
      key: `lamp-v2/${uniqueName('h')}.bin`,
    })
    fleet = createFleet({
      devices: things.map((thingName) => ({
        thingName,
        model: 'lamp-v2',
        firmwareVersion: '1.0.0',
      })),
      knobs: { rebootMs: 200, jitter: 0.1, reconnectDelayMs: 200 },
      random: createRandom(3),
      scheduler,
      transport: createHttpsTransport({
        jobsEndpoint: cloud.endpoint,
        dataEndpoint: cloud.endpoint,
        region: 'us-east-1',
        credentials,
        scheduler,
        pollIntervalMs: 300,
      }),
    })
    fleet.start()
    const running = fleet
    const iotData = new IoTDataPlaneClient({
      region: 'us-east-1',
      endpoint: cloud.endpoint,
      credentials,
    })
    // Connected over HTTPS means reported: the first shadow update has landed.
    await eventually(
      async () =>
        expect(await reportedOf(iotData, things[0] ?? '')).toMatchObject({
          firmware: { version: '1.0.0', model: 'lamp-v2' },
        }),
      { timeoutMs: 15_000, intervalMs: 200 },
    )
    // Idle devices hold no timers of their own: the one poll task is all.
    expect(scheduler.size()).toBe(1)

    const jobId = uniqueName('https')
    await cloud.iot.send(
      new CreateJobCommand({
        jobId,
        targets: [arnOfGroup(group)],
        presignedUrlConfig,
        document: installDocument(image, { version: '2.0.0' }),
      }),
    )
    await eventually(
      async () => {
        const { job } = await cloud.iot.send(new DescribeJobCommand({ jobId }))
        expect(job?.status).toBe('COMPLETED')
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    )
    const { executionSummaries } = await cloud.iot.send(
      new ListJobExecutionsForJobCommand({ jobId }),
    )
    expect(executionSummaries?.map((summary) => summary.jobExecutionSummary?.status)).toEqual([
      'SUCCEEDED',
      'SUCCEEDED',
      'SUCCEEDED',
    ])
    expect([...running.devices.values()].map((device) => device.state().firmwareVersion)).toEqual([
      '2.0.0',
      '2.0.0',
      '2.0.0',
    ])
    // Every device rebooted in the middle: the updates included IN_PROGRESS ones.
    expect(running.counters.updatesByStatus['IN_PROGRESS']).toBeGreaterThanOrEqual(3)
    await eventually(
      async () => {
        expect(await reportedOf(iotData, things[1] ?? '')).toMatchObject({
          firmware: { version: '2.0.0' },
        })
        expect(await reportedOf(iotData, things[1] ?? '', '$package')).toMatchObject({
          'lamp-v2': { version: '2.0.0' },
        })
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    )
    iotData.destroy()
  }, 60_000)
})
