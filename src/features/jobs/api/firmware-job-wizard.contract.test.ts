import {
  CreateThingGroupCommand,
  AddThingToThingGroupCommand,
  DescribeJobCommand,
  DescribeThingCommand,
  DescribeThingGroupCommand,
  GetJobDocumentCommand,
  UpdateIndexingConfigurationCommand,
} from '@aws-sdk/client-iot'
import type { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
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
import { isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import { createThings, inParallel } from '../../../../local/testing/fleet-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../../../../local/testing/local-cloud-fixture.ts'
import { s3Client } from '../../../../local/testing/s3-helpers.ts'
import { dataPlaneClient, updateShadow } from '../../../../local/testing/shadow-helpers.ts'
import {
  createJobOptionsInput,
  defaultJobOptionsForm,
  installDocument,
} from '../utils/firmware-job-form.ts'
import { dynamicGroupNameFor } from '../utils/job-target.ts'
import {
  DynamicGroupNotReadyError,
  waitForDynamicGroupActive,
} from './create-dynamic-thing-group.ts'
import { newJobId } from './create-job.ts'
import { createJobTemplate } from './create-job-template.ts'
import { describeJobTemplate } from './describe-job-template.ts'
import { getAccountScope } from './get-account-scope.ts'
import { getRolloutPreflight } from './get-rollout-preflight.ts'
import { listFirmwareReleases } from './list-firmware-releases.ts'
import { listJobTemplates } from './list-job-templates.ts'
import { presignFirmwareUrl } from './presign-firmware-url.ts'
import {
  resolveJobTargets,
  resolveQuerySnapshot,
  TooManyQueryTargetsError,
  UnknownTargetsError,
} from './resolve-job-targets.ts'
import { submitFirmwareJob } from './submit-firmware-job.ts'

/**
 * The firmware job wizard's calls through the real SDK against a local
 * cloud: the catalog, target resolution, the preflight from the fleet index,
 * query targets through a dynamic group, operator-presigned URLs and job
 * templates.
 */
const cloud = useLocalCloudFixture()
const BUCKET = 'fleetdeck-firmware'
const model = uniqueName('lamp')
let data: IoTDataPlaneClient
let s3: S3Client
let group: string
let things: string[]

// Reported firmware per thing: model and version (undefined: nothing reported).
const FLEET = [
  [model, '1.0.0'],
  [model, '1.0.0'],
  [model, '1.1.0'],
  [model, '1.2.0'],
  [model, '2.0.0'],
  ['other-model', '1.0.0'],
  [undefined, undefined],
] as const
const release = { model, version: '1.2.0' }

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
  things = await createThings(cloud.iot, FLEET.length, 'wizard')
  group = uniqueName('wizard-group')
  await cloud.iot.send(new CreateThingGroupCommand({ thingGroupName: group }))
  await inParallel(things, 6, async (thingName, index) => {
    await cloud.iot.send(new AddThingToThingGroupCommand({ thingGroupName: group, thingName }))
    const [reportedModel, version] = FLEET[index] ?? []
    if (version !== undefined)
      await updateShadow(data, thingName, {
        state: { reported: { firmware: { model: reportedModel, version } } },
      })
  })
  await cloud.running.cloud.s3.createBucket(BUCKET)
  const manifest = createFirmwareManifest({
    model,
    version: '1.2.0',
    size: 4,
    notes: 'Brighter',
    sha256: 'd'.repeat(64),
    uploadedAt: new Date().toISOString(),
  })
  await s3.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: firmwareImageKey(model, '1.2.0'), Body: 'abcd' }),
  )
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: firmwareManifestKey(model, '1.2.0'),
      Body: serializeFirmwareManifest(manifest),
    }),
  )
  await s3.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: firmwareManifestKey(model, '9.0.0'), Body: '{' }),
  )
})

afterAll(() => {
  data.destroy()
  s3.destroy()
})

describe('listFirmwareReleases', () => {
  it('lists releases with size and sha256, leaving out broken manifests', async () => {
    const releases = (await listFirmwareReleases(s3, BUCKET)).filter((r) => r.model === model)
    expect(releases).toEqual([
      expect.objectContaining({
        model,
        version: '1.2.0',
        size: 4,
        sha256: 'd'.repeat(64),
        notes: 'Brighter',
        imageKey: firmwareImageKey(model, '1.2.0'),
      }),
    ])
  })
})

describe('getRolloutPreflight', () => {
  it('classifies a group from one aggregation, with examples per class', async () => {
    const preflight = await getRolloutPreflight(cloud.iot, {
      target: { kind: 'group', thingGroupName: group },
      release,
    })
    expect(preflight.total).toBe(7)
    expect(preflight.counts).toEqual({ upgrade: 3, downgrade: 1, current: 1, unknown: 2 })
    expect(preflight.examples.downgrade).toEqual([things[4]])
    expect(preflight.examples.current).toEqual([things[3]])
    expect(preflight.examples.upgrade.length).toBeGreaterThan(0)
    expect([...preflight.examples.unknown].sort()).toEqual([things[5], things[6]].sort())
  })

  it('classifies a query and a list of things alike', async () => {
    const query = await getRolloutPreflight(cloud.iot, {
      target: {
        kind: 'query',
        queryString: `thingGroupNames:${group} AND ${FIRMWARE_VERSION_INDEX_FIELD}:1.0.0`,
      },
      release,
    })
    expect(query.counts).toEqual({ upgrade: 2, downgrade: 0, current: 0, unknown: 1 })
    const listed = await getRolloutPreflight(cloud.iot, {
      target: { kind: 'things', thingNames: [...things, 'not-indexed'] },
      release,
    })
    expect(listed.counts).toEqual({ upgrade: 3, downgrade: 1, current: 1, unknown: 3 })
    expect(listed.examples.unknown).toContain('not-indexed')
  })
})

describe('resolveJobTargets', () => {
  it('turns names into ARNs, and reports every name that does not exist', async () => {
    const arns = await resolveJobTargets(cloud.iot, {
      kind: 'things',
      thingNames: things.slice(0, 2),
    })
    expect(arns.map((arn) => arn.split(':thing/')[1])).toEqual(things.slice(0, 2))
    await expect(
      resolveJobTargets(cloud.iot, {
        kind: 'things',
        thingNames: ['nope-1', things[0] ?? '', 'nope-2'],
      }),
    ).rejects.toThrow(new UnknownTargetsError(['nope-1', 'nope-2']))
    await expect(
      resolveJobTargets(cloud.iot, { kind: 'group', thingGroupName: 'no-group' }),
    ).rejects.toThrow(/no-group does not exist/)
  })
})

describe('submitFirmwareJob', () => {
  const document = (bucket: string) =>
    installDocument(
      { ...release, size: 4, sha256: 'd'.repeat(64), imageKey: firmwareImageKey(model, '1.2.0') },
      { forced: false, bucket, region: 'us-east-1' },
    )

  it('targets a continuous query through an ACTIVE dynamic group named after the job, once however often it is sent', async () => {
    const account = await getAccountScope(cloud.iot)
    expect(account.accountId).toMatch(/^\d{12}$/)
    const jobId = newJobId('contract-query')
    const submission = {
      jobId,
      targets: { kind: 'dynamic-group', queryString: `thingGroupNames:${group}` } as const,
      account,
      document: document(BUCKET),
      options: createJobOptionsInput(
        { ...defaultJobOptionsForm, targetSelection: 'CONTINUOUS' },
        { targets: [], account, username: 'alice' },
      ),
    }
    const first = await submitFirmwareJob(cloud.iot, submission)
    const again = await submitFirmwareJob(cloud.iot, submission)
    expect([first.created, again.created]).toEqual([true, false])
    const groupName = dynamicGroupNameFor(jobId)
    const described = await cloud.iot.send(
      new DescribeThingGroupCommand({ thingGroupName: groupName }),
    )
    expect(described.queryString).toBe(`thingGroupNames:${group}`)
    expect(described.status).toBe('ACTIVE')
    const { job } = await cloud.iot.send(new DescribeJobCommand({ jobId }))
    expect(job?.targets).toEqual([described.thingGroupArn])
    expect(job?.targetSelection).toBe('CONTINUOUS')
    expect(job?.presignedUrlConfig?.roleArn).toBe(
      `arn:aws:iam::${account.accountId}:role/fleetdeck-iot-presigner`,
    )
  })

  it('gives up waiting for a group that never becomes ACTIVE, within its bound', async () => {
    // A static group has no status: it never reads ACTIVE, like a dynamic group still BUILDING.
    let nowMs = 0
    const sleeps: number[] = []
    await expect(
      waitForDynamicGroupActive(cloud.iot, group, {
        timeoutMs: 3000,
        intervalMs: 1000,
        nowMs: () => nowMs,
        sleep: (ms) => {
          sleeps.push(ms)
          nowMs += ms
          return Promise.resolve()
        },
      }),
    ).rejects.toThrow(DynamicGroupNotReadyError)
    expect(sleeps).toEqual([1000, 1000, 1000])
  })

  it('targets a snapshot query as the things it matches, with no dynamic group', async () => {
    const account = await getAccountScope(cloud.iot)
    const arns = await resolveQuerySnapshot(cloud.iot, {
      queryString: `thingGroupNames:${group}`,
      account,
    })
    const described = await Promise.all(
      [...things]
        .sort()
        .map((thingName) => cloud.iot.send(new DescribeThingCommand({ thingName }))),
    )
    expect(arns).toEqual(described.map((thing) => thing.thingArn))
    const jobId = newJobId('contract-snapshot')
    await submitFirmwareJob(cloud.iot, {
      jobId,
      targets: { kind: 'arns', arns },
      account,
      document: document(BUCKET),
      options: createJobOptionsInput(defaultJobOptionsForm, {
        targets: [],
        account,
        username: 'alice',
      }),
    })
    const { job } = await cloud.iot.send(new DescribeJobCommand({ jobId }))
    expect(job?.targets).toEqual(arns)
    await expect(
      cloud.iot.send(new DescribeThingGroupCommand({ thingGroupName: dynamicGroupNameFor(jobId) })),
    ).rejects.toSatisfy(isNotFoundError)
  })

  it('refuses a snapshot query that matches more than 100 things', async () => {
    const account = await getAccountScope(cloud.iot)
    const many = await createThings(cloud.iot, 101, 'many')
    const prefix = many[0]?.slice(0, -'-00000'.length) ?? ''
    await expect(
      resolveQuerySnapshot(cloud.iot, { queryString: `thingName:${prefix}-*`, account }),
    ).rejects.toThrow(TooManyQueryTargetsError)
    const hundred = await resolveQuerySnapshot(cloud.iot, {
      queryString: `thingName:${prefix}-* AND NOT thingName:${many[100] ?? ''}`,
      account,
    })
    expect(hundred).toHaveLength(100)
  })

  it('deletes the dynamic group again when AWS refuses the job', async () => {
    const account = await getAccountScope(cloud.iot)
    const jobId = newJobId('contract-refused')
    const refused = submitFirmwareJob(cloud.iot, {
      jobId,
      targets: { kind: 'dynamic-group', queryString: `thingGroupNames:${group}` },
      account,
      document: document(BUCKET),
      // A placeholder URL without presignedUrlConfig: valid locally, refused by IoT.
      options: { targetSelection: 'CONTINUOUS', tags: [{ Key: 'createdBy', Value: 'alice' }] },
    })
    await expect(refused).rejects.toThrow()
    await expect(
      cloud.iot.send(new DescribeThingGroupCommand({ thingGroupName: dynamicGroupNameFor(jobId) })),
    ).rejects.toSatisfy(isNotFoundError)
  })

  it('puts an operator-presigned URL in the document', async () => {
    const account = await getAccountScope(cloud.iot)
    const { url, cappedByCredentials } = await presignFirmwareUrl(s3, {
      bucket: BUCKET,
      key: firmwareImageKey(model, '1.2.0'),
      expiresInSeconds: 3600,
    })
    expect(cappedByCredentials).toBe(false)
    expect(await (await fetch(url)).text()).toBe('abcd')
    const jobId = newJobId('contract-presigned')
    const targetArns = await resolveJobTargets(cloud.iot, {
      kind: 'thing',
      thingName: things[0] ?? '',
    })
    await submitFirmwareJob(cloud.iot, {
      jobId,
      targets: { kind: 'arns', arns: targetArns },
      account,
      document: installDocument(
        { ...release, size: 4, sha256: 'd'.repeat(64), imageKey: firmwareImageKey(model, '1.2.0') },
        { forced: false, bucket: BUCKET, region: 'us-east-1', operatorUrl: url },
      ),
      options: createJobOptionsInput(
        { ...defaultJobOptionsForm, urlMode: 'operator-presigned' },
        { targets: [], account, username: 'alice' },
      ),
    })
    const stored = await cloud.iot.send(new GetJobDocumentCommand({ jobId }))
    expect(JSON.parse(stored.document ?? '{}')).toMatchObject({ url })
    await expect(
      presignFirmwareUrl(s3, { bucket: BUCKET, key: 'x', expiresInSeconds: 8 * 24 * 3600 }),
    ).rejects.toThrow(/7 days/)
  })

  it("caps an operator-presigned URL at the session credentials' expiry", async () => {
    const nowMs = Date.now()
    const expiring = new S3Client({
      region: 'us-east-1',
      endpoint: cloud.endpoint,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      credentials: () =>
        Promise.resolve({
          accessKeyId: 'test',
          secretAccessKey: 'test',
          expiration: new Date(nowMs + 20 * 60 * 1000),
        }),
    })
    try {
      const signed = await presignFirmwareUrl(expiring, {
        bucket: BUCKET,
        key: firmwareImageKey(model, '1.2.0'),
        expiresInSeconds: 24 * 3600,
        nowMs,
      })
      expect(signed.cappedByCredentials).toBe(true)
      expect(signed.expiresAtMs).toBeLessThanOrEqual(nowMs + 20 * 60 * 1000)
      expect(Number(new URL(signed.url).searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(
        20 * 60,
      )
      expect(await (await fetch(signed.url)).text()).toBe('abcd')
    } finally {
      expiring.destroy()
    }
  })

  it('passes the job template ARN to CreateJob with the document', async () => {
    const account = await getAccountScope(cloud.iot)
    const jobTemplateId = uniqueName('tpl-job')
    const options = createJobOptionsInput(
      { ...defaultJobOptionsForm, inProgressTimeoutInMinutes: '30' },
      { targets: [], account, username: 'alice' },
    )
    const { jobTemplateArn } = await createJobTemplate(cloud.iot, {
      jobTemplateId,
      description: 'From a template',
      document: document(BUCKET),
      options,
      account,
    })
    expect(jobTemplateArn).toContain(account.accountId)
    const jobId = newJobId('contract-template')
    await submitFirmwareJob(cloud.iot, {
      jobId,
      targets: {
        kind: 'arns',
        arns: await resolveJobTargets(cloud.iot, { kind: 'thing', thingName: things[1] ?? '' }),
      },
      account,
      document: { ...document(BUCKET), ticket: 'OPS-9' },
      options,
      jobTemplateArn,
    })
    const { job } = await cloud.iot.send(new DescribeJobCommand({ jobId }))
    expect(job?.jobTemplateArn).toBe(jobTemplateArn)
    const stored = await cloud.iot.send(new GetJobDocumentCommand({ jobId }))
    expect(JSON.parse(stored.document ?? '{}')).toMatchObject({ ticket: 'OPS-9' })
  })
})

describe('job templates', () => {
  it('saves a document with template options and reads it back', async () => {
    const account = await getAccountScope(cloud.iot)
    const jobTemplateId = uniqueName('tpl')
    const options = createJobOptionsInput(
      {
        ...defaultJobOptionsForm,
        rolloutMode: 'constant',
        maximumPerMinute: '20',
        inProgressTimeoutInMinutes: '30',
        startTime: '2099-01-01T00:00',
        maintenanceWindowCron: 'cron(0 2 ? * SAT *)',
        maintenanceWindowMinutes: '60',
      },
      { targets: [], account, username: 'alice' },
    )
    const doc = installDocument(
      { ...release, size: 4, sha256: 'd'.repeat(64), imageKey: firmwareImageKey(model, '1.2.0') },
      { forced: true, bucket: BUCKET, region: 'us-east-1' },
    )
    await createJobTemplate(cloud.iot, {
      jobTemplateId,
      description: 'Lamp rollout',
      document: { ...doc, ticket: 'OPS-7' },
      options,
      account,
    })
    const listed = await listJobTemplates(cloud.iot)
    expect(listed.map((template) => template.jobTemplateId)).toContain(jobTemplateId)
    const template = await describeJobTemplate(cloud.iot, jobTemplateId)
    expect(template.jobExecutionsRolloutConfig?.maximumPerMinute).toBe(20)
    expect(template.timeoutConfig?.inProgressTimeoutInMinutes).toBe(30)
    expect(template.maintenanceWindows).toEqual([
      { startTime: 'cron(0 2 ? * SAT *)', durationInMinutes: 60 },
    ])
    expect(template.presignedUrlConfig?.roleArn).toMatch(/fleetdeck-iot-presigner$/)
    expect(JSON.parse(template.document ?? '{}')).toMatchObject({ ticket: 'OPS-7', forced: true })
    await expect(
      createJobTemplate(cloud.iot, {
        jobTemplateId: 'bad id',
        description: '',
        document: doc,
        options,
        account,
      }),
    ).rejects.toThrow(/jobTemplateId/)
  })
})
