import { IoTClient, UpdateIndexingConfigurationCommand } from '@aws-sdk/client-iot'
import type { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane'
import type { MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  FIRMWARE_MODEL_INDEX_FIELD,
  FIRMWARE_VERSION_INDEX_FIELD,
} from '@domain/fleet-index-custom-fields.ts'
import { EMPTY_COUNTS } from '@domain/job-monitoring/execution-counts.ts'
import { eventually } from '../../../../local/testing/eventually.ts'
import { arnOfThing, createThings, inParallel } from '../../../../local/testing/fleet-helpers.ts'
import { jobHelpers } from '../../../../local/testing/job-helpers.ts'
import { useLocalCloudFixture } from '../../../../local/testing/local-cloud-fixture.ts'
import { connectMqtt } from '../../../../local/testing/mqtt-helpers.ts'
import { dataPlaneClient, updateShadow } from '../../../../local/testing/shadow-helpers.ts'
import { VIEWER_KEY, withViewerKey } from '../../../../local/testing/viewer-key.ts'
import { describeJob } from './describe-job.ts'
import { getFleetTotals } from './get-fleet-totals.ts'
import { listActiveJobs } from './list-jobs.ts'

/**
 * The wall's fetchers through the real SDK against a local cloud, with a
 * viewer's key (the wall runs as a viewer): the fleet's totals from
 * aggregations alone, the jobs in progress, a job's counters.
 */
const cloud = useLocalCloudFixture({ credentials: withViewerKey })
const { createJob } = jobHelpers(() => cloud)
let viewer: IoTClient
let data: IoTDataPlaneClient
let things: string[]
const devices: MqttClient[] = []

const FIRMWARE: readonly (readonly [model: string, version: string | undefined] | undefined)[] = [
  ['lamp-v2', '2.0.0'],
  ['lamp-v2', '2.0.0'],
  ['lamp-v2', '1.10.0'],
  ['lamp-v2', '1.2.0'],
  // A model whose name needs quoting in a query, reported by one device.
  ['lock "v3" OR thingName:*', '3.1.0'],
  ['lamp-v2', undefined],
  undefined,
]

beforeAll(async () => {
  viewer = new IoTClient({
    region: 'us-east-1',
    endpoint: cloud.endpoint,
    credentials: VIEWER_KEY,
    maxAttempts: 1,
  })
  data = dataPlaneClient(cloud.endpoint)
  await cloud.iot.send(
    new UpdateIndexingConfigurationCommand({
      thingIndexingConfiguration: {
        thingIndexingMode: 'REGISTRY_AND_SHADOW',
        thingConnectivityIndexingMode: 'STATUS',
        customFields: [
          { name: FIRMWARE_VERSION_INDEX_FIELD, type: 'String' },
          { name: FIRMWARE_MODEL_INDEX_FIELD, type: 'String' },
        ],
      },
    }),
  )
  things = await createThings(cloud.iot, FIRMWARE.length, 'wall')
  await inParallel(things, 4, async (thingName, index) => {
    const firmware = FIRMWARE[index]
    if (firmware === undefined) return
    const [model, version] = firmware
    await updateShadow(data, thingName, {
      state: { reported: { firmware: version === undefined ? { model } : { model, version } } },
    })
  })
  devices.push(await connectMqtt(cloud.mqttEndpoint, things[0] ?? ''))
})

afterAll(async () => {
  for (const device of devices) await device.endAsync()
  viewer.destroy()
  data.destroy()
})

describe('getFleetTotals', () => {
  it('counts devices, online devices and versions per model from aggregations, as a viewer', async () => {
    await eventually(async () => {
      const totals = await getFleetTotals(viewer)
      expect(totals.devices).toBe(things.length)
      expect(totals.online).toBe(1)
      expect(totals.models).toEqual([
        {
          model: 'lamp-v2',
          devices: 5,
          segments: [
            { version: '2.0.0', count: 2 },
            { version: '1.10.0', count: 1 },
            { version: '1.2.0', count: 1 },
          ],
          unreported: 1,
        },
        {
          model: 'lock "v3" OR thingName:*',
          devices: 1,
          segments: [{ version: '3.1.0', count: 1 }],
          unreported: 0,
        },
      ])
      expect(totals.otherDevices).toBe(1)
    })
  })
})

describe('listActiveJobs and describeJob', () => {
  it('lists the jobs in progress and reads a job’s counters, as a viewer', async () => {
    const jobId = await createJob({ targets: things.slice(0, 3).map(arnOfThing) })
    const active = await listActiveJobs(viewer)
    expect(active.jobs.map((job) => job.jobId)).toContain(jobId)
    expect(active.jobs.find((job) => job.jobId === jobId)?.createdAtMs).toEqual(expect.any(Number))
    await eventually(async () => {
      expect(await describeJob(viewer, jobId)).toMatchObject({
        jobId,
        status: 'IN_PROGRESS',
        counts: { ...EMPTY_COUNTS, QUEUED: 3 },
      })
    })
  })
})
