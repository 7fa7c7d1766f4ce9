import { readFile } from 'node:fs/promises'
import {
  AddThingToThingGroupCommand,
  CreateJobCommand,
  CreateThingCommand,
  DescribeJobExecutionCommand,
  type JobExecutionStatus,
} from '@aws-sdk/client-iot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDevicePolicy, provisionedCertificates } from '../certificates.ts'
import {
  arnOfGroup,
  arnOfThing,
  createGroupOf,
  createThings,
} from '../../local/testing/fleet-helpers.ts'
import { eventually } from '../../local/testing/eventually.ts'
import { uniqueName, useLocalCloudFixture } from '../../local/testing/local-cloud-fixture.ts'
import { s3Client } from '../../local/testing/s3-helpers.ts'
import { dataPlaneClient, getShadow } from '../../local/testing/shadow-helpers.ts'
import {
  configPlaceholder,
  ensureBuckets,
  installDocument,
  presignedUrlConfig,
  publishFirmware,
  readConfigObject,
  sha256Of,
  startFleet,
  uploadUrl,
  type SimulatedFleet,
} from './simulation-world.ts'

/**
 * The simulator's devices against a real local cloud, over the wire only:
 * each case is one line of PRODUCT.md, "Device semantics".
 */
const cloud = useLocalCloudFixture()
const s3 = () => s3Client(cloud.endpoint)
const fleets: SimulatedFleet[] = []

beforeAll(async () => {
  await ensureBuckets(s3())
})
afterAll(async () => {
  for (const fleet of fleets) await fleet.stop()
})

async function devicesRunning(
  model: string,
  firmwareVersion: string,
  count = 1,
  knobs = {},
): Promise<{ names: string[]; world: SimulatedFleet }> {
  const names = await createThings(cloud.iot, count, model)
  const world = startFleet({
    mqttUrl: cloud.mqttEndpoint,
    devices: names.map((thingName) => ({ thingName, model, firmwareVersion })),
    knobs,
  })
  fleets.push(world)
  await eventually(() => {
    for (const name of names) expect(world.fleet.devices.get(name)?.isOnline()).toBe(true)
  })
  return { names, world }
}

async function install(
  thingName: string,
  options: {
    model: string
    version: string
    forced?: boolean
    docModel?: string
    corrupt?: boolean
  },
): Promise<string> {
  const image = await publishFirmware(s3(), {
    model: options.model,
    version: options.version,
    key: `${options.model}/${options.version}/${uniqueName('img')}.bin`,
  })
  const jobId = uniqueName('install')
  await cloud.iot.send(
    new CreateJobCommand({
      jobId,
      targets: [arnOfThing(thingName)],
      presignedUrlConfig,
      document: installDocument(image, {
        version: options.version,
        forced: options.forced ?? false,
        ...(options.corrupt === true ? { sha256: sha256Of('not the image') } : {}),
        ...(options.docModel === undefined ? {} : { model: options.docModel }),
      }),
    }),
  )
  return jobId
}

async function finalExecution(jobId: string, thingName: string, status: JobExecutionStatus) {
  return eventually(
    async () => {
      const { execution } = await cloud.iot.send(
        new DescribeJobExecutionCommand({ jobId, thingName }),
      )
      expect(execution?.status).toBe(status)
      return execution
    },
    { timeoutMs: 15_000 },
  )
}

describe('installing firmware', () => {
  it('upgrades, reboots with the execution IN_PROGRESS, and reports SUCCEEDED with the running version', async () => {
    const { names, world } = await devicesRunning('lamp-v2', '1.0.0', 1, { rebootMs: 1_500 })
    const thingName = names[0] ?? ''
    const jobId = await install(thingName, {
      model: 'lamp-v2',
      version: '1.1.0',
      docModel: 'lamp-v2',
    })

    // Mid-update: the device is rebooting, and the cloud still says IN_PROGRESS.
    await eventually(() =>
      expect(world.fleet.devices.get(thingName)?.state().isRebooting).toBe(true),
    )
    const { execution: during } = await cloud.iot.send(
      new DescribeJobExecutionCommand({ jobId, thingName }),
    )
    expect(during).toMatchObject({
      status: 'IN_PROGRESS',
      statusDetails: { detailsMap: { step: 'rebooting', targetVersion: '1.1.0' } },
    })

    const done = await finalExecution(jobId, thingName, 'SUCCEEDED')
    expect(done?.statusDetails?.detailsMap).toMatchObject({ runningVersion: '1.1.0' })
    const shadows = dataPlaneClient(cloud.endpoint)
    await eventually(async () => {
      expect(await getShadow(shadows, thingName)).toMatchObject({
        state: { reported: { firmware: { version: '1.1.0', model: 'lamp-v2' } } },
      })
      expect(await getShadow(shadows, thingName, '$package')).toMatchObject({
        state: { reported: { 'lamp-v2': { version: '1.1.0' } } },
      })
    })
  })

  it('refuses a downgrade that is not forced (REJECTED, with the reason)', async () => {
    const { names } = await devicesRunning('lamp-v2', '2.0.0')
    const jobId = await install(names[0] ?? '', { model: 'lamp-v2', version: '1.0.0' })
    const execution = await finalExecution(jobId, names[0] ?? '', 'REJECTED')
    expect(execution?.statusDetails?.detailsMap).toMatchObject({
      reason: 'downgrade-not-forced',
      runningVersion: '2.0.0',
    })
  })

  it('downgrades when the job is forced', async () => {
    const { names, world } = await devicesRunning('lamp-v2', '2.0.0')
    const jobId = await install(names[0] ?? '', {
      model: 'lamp-v2',
      version: '1.0.0',
      forced: true,
    })
    await finalExecution(jobId, names[0] ?? '', 'SUCCEEDED')
    expect(world.fleet.devices.get(names[0] ?? '')?.state().firmwareVersion).toBe('1.0.0')
  })

  it('fails a corrupt image (checksum mismatch) and keeps running the old version', async () => {
    const { names, world } = await devicesRunning('thermostat-v1', '1.0.0')
    const jobId = await install(names[0] ?? '', {
      model: 'thermostat-v1',
      version: '1.2.0',
      corrupt: true,
    })
    const execution = await finalExecution(jobId, names[0] ?? '', 'FAILED')
    expect(execution?.statusDetails?.detailsMap).toMatchObject({ reason: 'checksum-mismatch' })
    expect(world.fleet.devices.get(names[0] ?? '')?.state().firmwareVersion).toBe('1.0.0')
  })

  it('rejects firmware for another model', async () => {
    const { names } = await devicesRunning('lock-v3', '1.0.0')
    const jobId = await install(names[0] ?? '', {
      model: 'lamp-v2',
      version: '1.1.0',
      docModel: 'lamp-v2',
    })
    const execution = await finalExecution(jobId, names[0] ?? '', 'REJECTED')
    expect(execution?.statusDetails?.detailsMap).toMatchObject({ reason: 'wrong-model' })
  })

  it('falls back to the previous image when the new one does not boot, and reports FAILED boot-failed-rolled-back', async () => {
    const { names, world } = await devicesRunning('lock-v3', '1.0.0')
    const thingName = names[0] ?? ''
    const device = world.fleet.devices.get(thingName)
    if (device !== undefined) device.inject.isNextBootFailing = true
    const jobId = await install(thingName, { model: 'lock-v3', version: '1.1.0' })
    const execution = await finalExecution(jobId, thingName, 'FAILED')
    expect(execution?.statusDetails?.detailsMap).toMatchObject({
      reason: 'boot-failed-rolled-back',
      runningVersion: '1.0.0',
      targetVersion: '1.1.0',
    })
    expect(device?.state().firmwareVersion).toBe('1.0.0')
  })

  it('over mutual TLS, with certificates provisioned through the IoT API', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1, 'tls-lamp')
    const policyName = await ensureDevicePolicy(cloud.iot, 'us-east-1', '000000000000')
    const world = startFleet({
      mqttUrl: cloud.mqttsEndpoint,
      devices: [{ thingName, model: 'lamp-v2', firmwareVersion: '1.0.0' }],
      certificates: provisionedCertificates(cloud.iot, policyName),
      caPem: await readFile(cloud.running.rootCaPath, 'utf8'),
    })
    fleets.push(world)
    await eventually(() => expect(world.fleet.devices.get(thingName)?.isOnline()).toBe(true))
    const jobId = await install(thingName, { model: 'lamp-v2', version: '1.3.0' })
    await finalExecution(jobId, thingName, 'SUCCEEDED')
  })
})

describe('configuration', () => {
  it('propagates one device’s configuration to a group (config-upload, then config-download)', async () => {
    const [source = ''] = await createThings(cloud.iot, 1, 'cfg-src')
    const targets = await createThings(cloud.iot, 3, 'cfg-dst')
    const group = await createGroupOf(cloud.iot, targets)
    const configuration = { brightness: 80, schedule: { on: '07:00', off: '23:00' } }
    const world = startFleet({
      mqttUrl: cloud.mqttEndpoint,
      devices: [
        { thingName: source, model: 'lamp-v2', firmwareVersion: '1.0.0', configuration },
        ...targets.map((thingName) => ({ thingName, model: 'lamp-v2', firmwareVersion: '1.0.0' })),
      ],
    })
    fleets.push(world)

    const key = `${uniqueName('cfg')}.json`
    const upload = uniqueName('upload')
    await cloud.iot.send(
      new CreateJobCommand({
        jobId: upload,
        targets: [arnOfThing(source)],
        document: JSON.stringify({
          operation: 'config-upload',
          url: await uploadUrl(
            s3Client(cloud.endpoint, { requestChecksumCalculation: 'WHEN_REQUIRED' }),
            key,
          ),
        }),
      }),
    )
    await finalExecution(upload, source, 'SUCCEEDED').catch(async (error: unknown) => {
      const { execution } = await cloud.iot.send(
        new DescribeJobExecutionCommand({ jobId: upload, thingName: source }),
      )
      throw new Error(`${String(error)} ${JSON.stringify(execution?.statusDetails)}`)
    })
    const text = await readConfigObject(s3(), key)
    expect(JSON.parse(text)).toEqual(configuration)

    const download = uniqueName('download')
    await cloud.iot.send(
      new CreateJobCommand({
        jobId: download,
        targets: [arnOfGroup(group)],
        presignedUrlConfig,
        document: JSON.stringify({
          operation: 'config-download',
          url: configPlaceholder(key),
          sha256: sha256Of(text),
        }),
      }),
    )
    for (const thingName of targets) await finalExecution(download, thingName, 'SUCCEEDED')
    for (const thingName of targets)
      expect(world.fleet.devices.get(thingName)?.state().configuration).toEqual(configuration)
    await eventually(async () =>
      expect(await getShadow(dataPlaneClient(cloud.endpoint), targets[0] ?? '')).toMatchObject({
        state: { reported: { config: configuration } },
      }),
    )
  }, 60_000)
})

describe('continuous jobs', () => {
  it('reach a device added to the group later', async () => {
    const members = await createThings(cloud.iot, 2, 'line')
    const group = await createGroupOf(cloud.iot, members)
    const world = startFleet({
      mqttUrl: cloud.mqttEndpoint,
      devices: members.map((thingName) => ({
        thingName,
        model: 'thermostat-v1',
        firmwareVersion: '1.0.0',
      })),
    })
    fleets.push(world)
    const image = await publishFirmware(s3(), {
      model: 'thermostat-v1',
      version: '1.5.0',
      key: `thermostat-v1/${uniqueName('cont')}.bin`,
    })
    const jobId = uniqueName('continuous')
    await cloud.iot.send(
      new CreateJobCommand({
        jobId,
        targets: [arnOfGroup(group)],
        targetSelection: 'CONTINUOUS',
        presignedUrlConfig,
        document: installDocument(image, { version: '1.5.0' }),
      }),
    )
    for (const thingName of members) await finalExecution(jobId, thingName, 'SUCCEEDED')

    // Off the manufacturing line: a new thing joins the group, then powers on.
    const newcomer = uniqueName('line-new')
    await cloud.iot.send(new CreateThingCommand({ thingName: newcomer }))
    await cloud.iot.send(
      new AddThingToThingGroupCommand({ thingGroupName: group, thingName: newcomer }),
    )
    world.fleet.add({ thingName: newcomer, model: 'thermostat-v1', firmwareVersion: '1.0.0' })
    await finalExecution(jobId, newcomer, 'SUCCEEDED')
    expect(world.fleet.devices.get(newcomer)?.state().firmwareVersion).toBe('1.5.0')
  }, 30_000)
})
