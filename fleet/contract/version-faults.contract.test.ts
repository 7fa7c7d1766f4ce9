import {
  CreateJobCommand,
  DescribeJobExecutionCommand,
  type JobExecutionStatus,
} from '@aws-sdk/client-iot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { arnOfGroup, createGroupOf, createThings } from '../../local/testing/fleet-helpers.ts'
import { eventually } from '../../local/testing/eventually.ts'
import { uniqueName, useLocalCloudFixture } from '../../local/testing/local-cloud-fixture.ts'
import { s3Client } from '../../local/testing/s3-helpers.ts'
import { dataPlaneClient, getShadow } from '../../local/testing/shadow-helpers.ts'
import {
  ensureBuckets,
  installDocument,
  presignedUrlConfig,
  publishFirmware,
  startFleet,
  type SimulatedFleet,
} from './simulation-world.ts'

/**
 * The version-specific fault knobs and the statusDetails the dashboard reads
 * (docs/simulator.md), over the real wire: a group where one device cannot
 * boot 2.0.0 and one reverts from it, then a forced rollback to 1.5.0.
 */
const cloud = useLocalCloudFixture()
const s3 = () => s3Client(cloud.endpoint)
let world: SimulatedFleet | undefined

beforeAll(async () => {
  await ensureBuckets(s3())
})
afterAll(async () => {
  await world?.stop()
})

async function installOnGroup(group: string, version: string, forced: boolean): Promise<string> {
  const image = await publishFirmware(s3(), {
    model: 'thermostat-v1',
    version,
    key: `thermostat-v1/${version}/${uniqueName('img')}.bin`,
  })
  const jobId = uniqueName('install')
  await cloud.iot.send(
    new CreateJobCommand({
      jobId,
      targets: [arnOfGroup(group)],
      presignedUrlConfig,
      document: installDocument(image, { version, forced }),
    }),
  )
  return jobId
}

async function finalDetails(jobId: string, thingName: string, status: JobExecutionStatus) {
  return eventually(
    async () => {
      const { execution } = await cloud.iot.send(
        new DescribeJobExecutionCommand({ jobId, thingName }),
      )
      expect(execution?.status).toBe(status)
      return execution?.statusDetails?.detailsMap ?? {}
    },
    { timeoutMs: 20_000 },
  )
}

const runningVersion = async (thingName: string) => {
  const shadow = (await getShadow(dataPlaneClient(cloud.endpoint), thingName)) as {
    state?: { reported?: { firmware?: { version?: string } } }
  }
  return shadow.state?.reported?.firmware?.version
}

describe('version-specific faults', () => {
  it('fails to boot a bad version, reverts from another, reports downloadMs and previousVersion, and rolls back', async () => {
    const [healthy = '', failing = '', reverting = ''] = await createThings(cloud.iot, 3, 'thermo')
    const group = await createGroupOf(cloud.iot, [healthy, failing, reverting])
    world = startFleet({
      mqttUrl: cloud.mqttEndpoint,
      knobs: { downloadBytesPerSecond: 4_096 },
      devices: [
        { thingName: healthy, model: 'thermostat-v1', firmwareVersion: '1.5.0' },
        {
          thingName: failing,
          model: 'thermostat-v1',
          firmwareVersion: '1.5.0',
          knobs: { failingBootVersions: ['2.0.0'] },
        },
        {
          thingName: reverting,
          model: 'thermostat-v1',
          firmwareVersion: '1.5.0',
          knobs: { revertingVersions: ['2.0.0'], revertDelayMs: 500 },
        },
      ],
    })
    const fleet = world.fleet
    await eventually(() => {
      for (const name of [healthy, failing, reverting])
        expect(fleet.devices.get(name)?.isOnline()).toBe(true)
    })

    const bad = await installOnGroup(group, '2.0.0', false)
    const succeeded = await finalDetails(bad, healthy, 'SUCCEEDED')
    expect(succeeded).toMatchObject({
      runningVersion: '2.0.0',
      targetVersion: '2.0.0',
      previousVersion: '1.5.0',
    })
    // A 2,048-byte image at 4,096 bytes a second (±10 % jitter), plus the fetch itself.
    expect(Number(succeeded.downloadMs)).toBeGreaterThanOrEqual(450)
    expect(Number(succeeded.downloadMs)).toBeLessThan(1_500)

    expect(await finalDetails(bad, failing, 'FAILED')).toMatchObject({
      reason: 'boot-failed-rolled-back',
      runningVersion: '1.5.0',
      targetVersion: '2.0.0',
      previousVersion: '1.5.0',
      downloadMs: expect.stringMatching(/^\d+$/),
    })

    // Succeeded, then the watchdog: the shadow says 1.5.0, the execution stays SUCCEEDED.
    await finalDetails(bad, reverting, 'SUCCEEDED')
    await eventually(async () => expect(await runningVersion(reverting)).toBe('1.5.0'), {
      timeoutMs: 10_000,
    })
    expect(await finalDetails(bad, reverting, 'SUCCEEDED')).toMatchObject({
      runningVersion: '2.0.0',
    })
    expect(await runningVersion(healthy)).toBe('2.0.0')

    // One-click rollback: a forced install of the previous version succeeds everywhere.
    const rollback = await installOnGroup(group, '1.5.0', true)
    for (const thingName of [healthy, failing, reverting])
      expect(await finalDetails(rollback, thingName, 'SUCCEEDED')).toMatchObject({
        runningVersion: '1.5.0',
      })
    await eventually(async () => {
      for (const thingName of [healthy, failing, reverting])
        expect(await runningVersion(thingName)).toBe('1.5.0')
    })
  }, 60_000)
})
