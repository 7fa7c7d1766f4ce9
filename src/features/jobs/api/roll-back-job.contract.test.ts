import {
  DescribeJobCommand,
  GetJobDocumentCommand,
  UpdateIndexingConfigurationCommand,
} from '@aws-sdk/client-iot'
import type { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane'
import {
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  FIRMWARE_MODEL_INDEX_FIELD,
  FIRMWARE_VERSION_INDEX_FIELD,
} from '@domain/fleet-index-custom-fields.ts'
import {
  createFirmwareManifest,
  firmwareImageKey,
  firmwareManifestKey,
  serializeFirmwareManifest,
} from '@domain/firmware-manifest.ts'
import { presignedUrlPlaceholder } from '@domain/job-document.ts'
import { s3ObjectUrl } from '@domain/s3-object-url.ts'
import { paths } from '@/config/paths.ts'
import { eventually } from '../../../../local/testing/eventually.ts'
import { arnOfGroup, createGroupOf, createThings } from '../../../../local/testing/fleet-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../../../../local/testing/local-cloud-fixture.ts'
import { s3Client } from '../../../../local/testing/s3-helpers.ts'
import { dataPlaneClient, updateShadow } from '../../../../local/testing/shadow-helpers.ts'
import { installDocument } from '../utils/firmware-job-form.ts'
import { rollbackJobId } from '../utils/rollback-plan.ts'
import { createJob, newJobId } from './create-job.ts'
import { describeJob } from './describe-job.ts'
import { getRevertedDevices } from './get-reverted-devices.ts'
import { getRollbackPlan, TooManyToRollBackError } from './get-rollback-plan.ts'
import { getRolloutPreflight } from './get-rollout-preflight.ts'
import { listTagsForResource } from './list-tags-for-resource.ts'
import { rollBackJob } from './roll-back-job.ts'

/**
 * One-click rollback and the "succeeded but reverted" check through the real
 * SDK against a local cloud: devices report their previous version in
 * statusDetails and their running version in the shadow (the simulator's
 * contract), the catalog holds the releases, and the bad job's executions
 * are moved through the Jobs data plane as devices would move them.
 */
const cloud = useLocalCloudFixture()
const BUCKET = 'fleetdeck-firmware'
const REGION = 'us-east-1'
const model = uniqueName('lamp')
let data: IoTDataPlaneClient
let s3: S3Client
let thingGroupName: string
let badJobId: string

const release = (version: string) => ({
  model,
  version,
  size: 4,
  sha256: version.replaceAll('.', '').padEnd(64, 'a'),
  imageKey: firmwareImageKey(model, version),
})

/**
 * Each device of the bad job (2.0.0): how its execution ends, the
 * previousVersion it reported, and the version its shadow reports now.
 */
const FLEET = {
  a: { status: 'SUCCEEDED', previous: '1.0.0', reports: '2.0.0' },
  b: { status: 'SUCCEEDED', previous: '1.0.0', reports: '2.0.0' },
  c: { status: 'SUCCEEDED', previous: '1.1.0', reports: '2.0.0' },
  // Failed while downloading: never installed anything.
  d: { status: 'FAILED', previous: undefined, reports: '1.0.0' },
  // Boot failure: fell back to 1.1.0 by itself.
  e: { status: 'FAILED', previous: '1.1.0', reports: '1.1.0' },
  // Said SUCCEEDED, but its shadow reports the old version: reverted.
  f: { status: 'SUCCEEDED', previous: '1.0.0', reports: '1.0.0' },
  // Rebooting into 2.0.0; its shadow still reports the old version.
  g: { status: 'IN_PROGRESS', previous: '1.1.0', reports: '1.1.0' },
  h: { status: 'QUEUED', previous: undefined, reports: '1.0.0' },
  i: { status: 'REJECTED', previous: undefined, reports: '3.0.0' },
} as const
type Key = keyof typeof FLEET
const names = {} as Record<Key, string>

async function putRelease(version: string) {
  const manifest = createFirmwareManifest({
    ...release(version),
    notes: '',
    uploadedAt: new Date().toISOString(),
  })
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: firmwareManifestKey(model, version),
      Body: serializeFirmwareManifest(manifest),
    }),
  )
}

beforeAll(async () => {
  data = dataPlaneClient(cloud.endpoint)
  s3 = s3Client(cloud.endpoint, {
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  await cloud.iot.send(
    new UpdateIndexingConfigurationCommand({
      thingIndexingConfiguration: {
        thingIndexingMode: 'REGISTRY_AND_SHADOW',
        customFields: [
          { name: FIRMWARE_VERSION_INDEX_FIELD, type: 'String' },
          { name: FIRMWARE_MODEL_INDEX_FIELD, type: 'String' },
        ],
      },
    }),
  )
  await cloud.running.cloud.s3.createBucket(BUCKET)
  for (const version of ['1.0.0', '1.1.0', '2.0.0']) await putRelease(version)
  const keys = Object.keys(FLEET) as Key[]
  const things = await createThings(cloud.iot, keys.length, 'rollback')
  keys.forEach((key, index) => {
    names[key] = things[index] ?? ''
  })
  thingGroupName = await createGroupOf(cloud.iot, things)
  badJobId = newJobId('bad')
  await createJob(cloud.iot, {
    jobId: badJobId,
    document: installDocument(release('2.0.0'), {
      forced: false,
      bucket: BUCKET,
      region: REGION,
      operatorUrl: 'https://firmware.example.com/2.0.0.bin',
    }),
    options: { targets: [arnOfGroup(thingGroupName)] },
  })
  await eventually(async () => {
    const job = await describeJob(cloud.iot, badJobId)
    expect(job.processDetails?.numberOfQueuedThings).toBe(keys.length)
  })
  for (const key of keys) {
    const device = FLEET[key]
    const thingName = names[key]
    await updateShadow(data, thingName, {
      state: { reported: { firmware: { model, version: device.reports } } },
    })
    if (device.status === 'QUEUED') continue
    await cloud.jobsData.send(new StartNextPendingJobExecutionCommand({ thingName }))
    await cloud.jobsData.send(
      new UpdateJobExecutionCommand({
        jobId: badJobId,
        thingName,
        status: device.status,
        statusDetails:
          device.previous === undefined
            ? { step: 'download' }
            : { step: 'done', targetVersion: '2.0.0', previousVersion: device.previous },
      }),
    )
  }
})

afterAll(() => {
  data.destroy()
  s3.destroy()
})

const source = async () => ({
  jobId: badJobId,
  job: await describeJob(cloud.iot, badJobId),
  document: installDocument(release('2.0.0'), {
    forced: false,
    bucket: BUCKET,
    region: REGION,
    operatorUrl: 'https://firmware.example.com/2.0.0.bin',
  }),
})
const clients = () => ({ iot: cloud.iot, s3, firmwareBucket: BUCKET })
const arnOf = (key: Key) => `arn:aws:iot:us-east-1:000000000000:thing/${names[key]}`

describe('getRollbackPlan', () => {
  it('groups the touched devices by previous version and says why the others need nothing', async () => {
    const plan = await getRollbackPlan(clients(), await source())
    expect(plan.touched).toBe(7)
    expect(
      plan.jobs.map((job) => [job.jobId, job.release.version, job.things.map((t) => t.thingName)]),
    ).toEqual([
      [rollbackJobId(badJobId, '1.1.0', [names.c, names.g]), '1.1.0', [names.c, names.g].sort()],
      [rollbackJobId(badJobId, '1.0.0', [names.a, names.b]), '1.0.0', [names.a, names.b].sort()],
    ])
    expect(plan.nothingToRollBack.map((device) => [device.thingName, device.reason])).toEqual(
      [
        [names.d, 'never-installed'],
        [names.e, 'already-previous'],
        [names.f, 'already-previous'],
      ].sort(([x = ''], [y = '']) => x.localeCompare(y)),
    )
    expect(plan.missingReleases).toEqual([])
    expect(plan.existing).toEqual([])
    expect(plan.account?.accountId).toMatch(/^\d{12}$/)
    // The creation preflight of a planned job: both devices are downgrades.
    const preflight = await getRolloutPreflight(cloud.iot, {
      target: { kind: 'things', thingNames: [names.a, names.b] },
      release: { model, version: '1.0.0' },
    })
    expect(preflight.counts.downgrade).toBe(2)
  })

  it('refuses a job that touched more devices than the bound, pointing to the wizard', async () => {
    const planned = await source()
    const tooBig = {
      ...planned,
      job: { ...planned.job, processDetails: { numberOfSucceededThings: 1001 } },
    }
    const refused = getRollbackPlan(clients(), tooBig)
    await expect(refused).rejects.toThrow(TooManyToRollBackError)
    await expect(refused).rejects.toMatchObject({
      wizardHref: paths.jobs.create({ group: thingGroupName, model, version: '1.1.0' }),
    })
  })
})

describe('rollBackJob', () => {
  it('creates one forced job per previous version, and nothing new when asked again', async () => {
    const plan = await getRollbackPlan(clients(), await source())
    const input = { plan, username: 'alice', firmwareBucket: BUCKET, region: REGION }
    const outcomes = await rollBackJob(cloud.iot, input)
    expect(outcomes.map((outcome) => [outcome.version, outcome.devices, outcome.created])).toEqual([
      ['1.1.0', 2, true],
      ['1.0.0', 2, true],
    ])
    for (const [version, keys] of [
      ['1.1.0', ['c', 'g']],
      ['1.0.0', ['a', 'b']],
    ] as const) {
      const jobId = rollbackJobId(
        badJobId,
        version,
        keys.map((key) => names[key]),
      )
      const { job } = await cloud.iot.send(new DescribeJobCommand({ jobId }))
      expect([...(job?.targets ?? [])].sort()).toEqual(keys.map(arnOf).sort())
      expect(job?.presignedUrlConfig?.roleArn).toMatch(/:role\/fleetdeck-iot-presigner$/)
      const { document } = await cloud.iot.send(new GetJobDocumentCommand({ jobId }))
      expect(JSON.parse(document ?? '{}')).toEqual({
        operation: 'install',
        url: presignedUrlPlaceholder(
          s3ObjectUrl({ bucket: BUCKET, key: firmwareImageKey(model, version), region: REGION }),
        ),
        version,
        sha256: release(version).sha256,
        size: 4,
        forced: true,
        model,
      })
      expect(await listTagsForResource(cloud.iot, job?.jobArn ?? '')).toEqual(
        expect.arrayContaining([
          { Key: 'createdBy', Value: 'alice' },
          { Key: 'rollbackOf', Value: badJobId },
        ]),
      )
    }
    // Asked again (a double click, a reload): the plan names the jobs that exist, and none is made.
    const again = await getRollbackPlan(clients(), await source())
    expect(again.existing.map((job) => job.jobId).sort()).toEqual(
      outcomes.map((outcome) => outcome.jobId).sort(),
    )
    const repeated = await rollBackJob(cloud.iot, { ...input, plan: again })
    expect(repeated.map((outcome) => outcome.created)).toEqual([false, false])
    // Even with a stale plan that does not know they exist, the same ids are refused as new jobs.
    const stale = await rollBackJob(cloud.iot, input)
    expect(stale.map((outcome) => outcome.created)).toEqual([false, false])
  })
})

describe('getRevertedDevices', () => {
  it('flags the SUCCEEDED device whose shadow reports another version, and no other', async () => {
    const job = await describeJob(cloud.iot, badJobId)
    const found = await getRevertedDevices(cloud.iot, {
      jobId: badJobId,
      targets: job.targets,
      version: '2.0.0',
    })
    expect(found.devices).toEqual([
      { thingName: names.f, expectedVersion: '2.0.0', reportedVersion: '1.0.0' },
    ])
    // d, e, f, g, h and i report another version; only f's execution SUCCEEDED.
    expect([found.candidates, found.truncated]).toEqual([6, false])
  })

  it('asks named things too, and stops at the candidate bound', async () => {
    const targets = (['a', 'f', 'e'] as const).map(arnOf)
    const found = await getRevertedDevices(cloud.iot, {
      jobId: badJobId,
      targets,
      version: '2.0.0',
    })
    expect(found.devices.map((device) => device.thingName)).toEqual([names.f])
    const capped = await getRevertedDevices(
      cloud.iot,
      { jobId: badJobId, targets: [arnOfGroup(thingGroupName)], version: '2.0.0' },
      { maxCandidates: 2 },
    )
    expect([capped.candidates, capped.truncated]).toEqual([2, true])
  })
})
