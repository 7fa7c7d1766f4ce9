import { DescribeJobCommand, IoTClient, ListJobsCommand } from '@aws-sdk/client-iot'
import {
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseJobDocument } from '@domain/job-document.ts'
import { ValidationError } from '@domain/validation.ts'
import { isAccessDeniedError } from '@/lib/aws/aws-error-message.ts'
import { eventually } from '../../../../local/testing/eventually.ts'
import { createGroupOf, createThings, scope } from '../../../../local/testing/fleet-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../../../../local/testing/local-cloud-fixture.ts'
import { s3Client } from '../../../../local/testing/s3-helpers.ts'
import { VIEWER_KEY, withViewerKey } from '../../../../local/testing/viewer-key.ts'
import { newJobId } from '../utils/new-job-id.ts'
import { createConfigDownloadJob } from './create-config-download-job.ts'
import {
  createConfigUploadJob,
  createPreparedConfigUploadJob,
  prepareConfigUploadJob,
  StaleUploadUrlError,
} from './create-config-upload-job.ts'
import { createJob, JobIdConflictError } from './create-job.ts'
import { getConfiguration } from './get-configuration.ts'
import { listConfigurations } from './list-configurations.ts'
import { listTagsForResource } from './list-tags-for-resource.ts'
import { presignGetConfiguration } from './presign-get-configuration.ts'
import { UnknownTargetsError } from './resolve-job-targets.ts'

/**
 * Configuration propagation through the real SDK against a local cloud: a
 * config-upload job whose pre-signed PUT URL a device uploads to, the file
 * listed and read back, and a config-download job whose document validates
 * and whose placeholder becomes a URL the device downloads exactly those
 * bytes from. The test plays the device over the jobs data plane and HTTP,
 * as the simulator does.
 */
const cloud = useLocalCloudFixture({ credentials: withViewerKey })
// The local cloud's config bucket: the presigner role may read it and the firmware bucket only.
const bucket = 'fleetdeck-config'
const { region: REGION, accountId: ACCOUNT_ID } = scope
let s3: S3Client
let things: string[]

// As the dashboard's S3 client is configured (src/lib/aws/aws-clients.ts).
const dashboardS3 = (credentials = { accessKeyId: 'test', secretAccessKey: 'test' }) =>
  s3Client(cloud.endpoint, {
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })

const clients = () => ({ iot: cloud.iot, s3, bucket, region: REGION })

/** The device side: take the next job, run `work` on its document, report the outcome. */
async function actAsDevice(
  thingName: string,
  jobId: string,
  work: (document: Record<string, unknown>) => Promise<void>,
) {
  let documentText = ''
  await eventually(async () => {
    const started = await cloud.jobsData.send(
      new StartNextPendingJobExecutionCommand({ thingName }),
    )
    expect(started.execution?.jobId).toBe(jobId)
    documentText = started.execution?.jobDocument ?? ''
  })
  await work(JSON.parse(documentText) as Record<string, unknown>)
  await cloud.jobsData.send(
    new UpdateJobExecutionCommand({ jobId, thingName, status: 'SUCCEEDED' }),
  )
}

const deviceConfiguration = (thingName: string) =>
  JSON.stringify({ thingName, brightness: 70, schedule: { on: '07:00', off: '23:00' } })

beforeAll(async () => {
  s3 = dashboardS3()
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
  things = await createThings(cloud.iot, 4, 'config')
})

describe('config-upload jobs', () => {
  it('give the device a pre-signed PUT URL it uploads its configuration to', async () => {
    const thingName = things[0] ?? ''
    const jobId = newJobId('config-upload')
    const created = await createConfigUploadJob(clients(), {
      jobId,
      thingName,
      expiresInSeconds: 2400,
      createdBy: 'alice',
    })
    expect(created).toMatchObject({ jobId, created: true })
    expect(created.key).toBe(`uploads/${thingName}/${jobId}.json`)
    const { job } = await cloud.iot.send(new DescribeJobCommand({ jobId }))
    expect(job?.description).toBe(`Configuration upload from ${thingName} by alice`)
    expect(job?.targets).toEqual([`arn:aws:iot:${REGION}:${ACCOUNT_ID}:thing/${thingName}`])
    // The job ends, canceled, when its URL expires (rounded down to the minute).
    expect(job?.schedulingConfig?.endBehavior).toBe('CANCEL')
    const endMs = Date.parse(`${job?.schedulingConfig?.endTime ?? ''}Z`)
    expect(endMs).toBeGreaterThan(Date.now() + 38 * 60_000)
    expect(endMs).toBeLessThanOrEqual(Date.now() + 40 * 60_000)
    expect(
      (await listTagsForResource(cloud.iot, job?.jobArn ?? '')).find(
        (tag) => tag.Key === 'createdBy',
      )?.Value,
    ).toBe('alice')

    await actAsDevice(thingName, jobId, async (document) => {
      expect(parseJobDocument(document)).toMatchObject({ ok: true })
      const url = new URL(String(document.url))
      expect(url.searchParams.get('X-Amz-Expires')).toBe('2400')
      // No checksum is hoisted into the URL: the device's body could not match it.
      expect([...url.searchParams.keys()].some((name) => name.includes('checksum'))).toBe(false)
      // Exactly as the simulator uploads (fleet/device-runtime.ts).
      const response = await fetch(url, {
        method: 'PUT',
        body: deviceConfiguration(thingName),
        headers: { 'content-type': 'application/json' },
      })
      expect(response.status).toBe(200)
    })

    const listed = await listConfigurations(s3, { bucket, prefix: `uploads/${thingName}/` })
    expect(listed.files).toEqual([
      expect.objectContaining({ kind: 'upload', key: created.key, thingName, jobId }),
    ])
    const read = await getConfiguration(s3, { bucket, key: created.key })
    expect(read.text).toBe(deviceConfiguration(thingName))
    expect(read.sha256).toBe(bytesToHex(sha256(new TextEncoder().encode(read.text))))

    const download = await fetch(await presignGetConfiguration(s3, { bucket, key: created.key }))
    expect(download.status).toBe(200)
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="${thingName}-${jobId}.json"`,
    )
    expect(await download.text()).toBe(deviceConfiguration(thingName))
  })

  it('are one job when a prepared submission is retried, and a conflict when re-signed', async () => {
    const jobId = newJobId('config-upload')
    const request = { jobId, thingName: things[1] ?? '', expiresInSeconds: 3600 }
    const prepared = await prepareConfigUploadJob(clients(), request)
    const attempts = await Promise.all([
      createJob(cloud.iot, prepared.input),
      createJob(cloud.iot, prepared.input),
    ])
    expect(attempts.map((attempt) => attempt.created).sort()).toEqual([false, true])
    const { jobs = [] } = await cloud.iot.send(new ListJobsCommand({ maxResults: 250 }))
    expect(jobs.filter((job) => job.jobId === jobId)).toHaveLength(1)
    // A URL signed a second later is another document: why the hook keeps the prepared request.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const resigned = await prepareConfigUploadJob(clients(), request)
    await expect(createJob(cloud.iot, resigned.input)).rejects.toBeInstanceOf(JobIdConflictError)
  })

  it('after a reload, find the job a URL too close to expiring made, or start over when none was made', async () => {
    const request = { thingName: things[1] ?? '', expiresInSeconds: 2400 }
    const made = await prepareConfigUploadJob(clients(), {
      ...request,
      jobId: newJobId('config-upload'),
    })
    await createPreparedConfigUploadJob(cloud.iot, made)
    // 20 minutes later the URL's end time is 20 minutes ahead: AWS would refuse a new job.
    const later = Date.now() + 20 * 60_000
    const again = await prepareConfigUploadJob(clients(), {
      ...request,
      jobId: made.input.jobId,
      uploadUrl: made.url,
    })
    expect(again.input).toEqual(made.input)
    await expect(
      createPreparedConfigUploadJob(cloud.iot, again, undefined, later),
    ).resolves.toMatchObject({ jobId: made.input.jobId, created: false })

    const never = await prepareConfigUploadJob(clients(), {
      ...request,
      jobId: newJobId('config-upload'),
    })
    await expect(
      createPreparedConfigUploadJob(cloud.iot, never, undefined, later),
    ).rejects.toBeInstanceOf(StaleUploadUrlError)
    await expect(
      cloud.iot.send(new DescribeJobCommand({ jobId: never.input.jobId })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' })
  })

  it('refuse bad input before any call, and a thing that does not exist before CreateJob', async () => {
    const jobId = newJobId('config-upload')
    await expect(
      createConfigUploadJob(clients(), { jobId, thingName: 'no such/thing', expiresInSeconds: 10 }),
    ).rejects.toBeInstanceOf(ValidationError)
    // Shorter than 40 minutes: the job's end time would be too soon for AWS.
    await expect(
      createConfigUploadJob(clients(), {
        jobId,
        thingName: things[1] ?? '',
        expiresInSeconds: 600,
      }),
    ).rejects.toBeInstanceOf(ValidationError)
    const missing = await createConfigUploadJob(clients(), {
      jobId,
      thingName: uniqueName('missing'),
      expiresInSeconds: 3600,
    }).catch((error: unknown) => error)
    expect(missing).toBeInstanceOf(UnknownTargetsError)
    await expect(cloud.iot.send(new DescribeJobCommand({ jobId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    })
  })

  it('are refused to a viewer by the server', async () => {
    const viewerIot = new IoTClient({
      region: REGION,
      endpoint: cloud.endpoint,
      credentials: VIEWER_KEY,
      maxAttempts: 1,
    })
    const refused = await createConfigUploadJob(
      { iot: viewerIot, s3: dashboardS3(VIEWER_KEY), bucket },
      { jobId: newJobId('config-upload'), thingName: things[2] ?? '', expiresInSeconds: 3600 },
    ).catch((error: unknown) => error)
    expect(isAccessDeniedError(refused)).toBe(true)
  })
})

describe('config-download jobs', () => {
  it('push a file to a group with its sha256, downloadable through the IoT placeholder', async () => {
    const key = `lamp-v2/${uniqueName('night')}.json`
    const body = JSON.stringify({ brightness: 10, scenes: ['night'] })
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))
    const members = things.slice(2, 4)
    const group = await createGroupOf(cloud.iot, members)
    const jobId = newJobId('config-download')
    const created = await createConfigDownloadJob(clients(), {
      jobId,
      key,
      target: { kind: 'group', thingGroupName: group },
      createdBy: 'alice',
    })
    expect(created.created).toBe(true)

    const expectedSha256 = bytesToHex(sha256(new TextEncoder().encode(body)))
    const { job } = await cloud.iot.send(new DescribeJobCommand({ jobId }))
    expect(job?.presignedUrlConfig).toEqual({
      roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/fleetdeck-iot-presigner`,
      expiresInSec: 3600,
    })
    for (const thingName of members) {
      await actAsDevice(thingName, jobId, async (document) => {
        const parsed = parseJobDocument(document)
        expect(parsed).toEqual({
          ok: true,
          value: { operation: 'config-download', url: document.url, sha256: expectedSha256 },
        })
        const response = await fetch(String(document.url))
        expect(response.status).toBe(200)
        expect(bytesToHex(sha256(new Uint8Array(await response.arrayBuffer())))).toBe(
          expectedSha256,
        )
      })
    }
    const finished = await cloud.iot.send(new DescribeJobCommand({ jobId }))
    expect(finished.job?.jobProcessDetails?.numberOfSucceededThings).toBe(members.length)
  })

  it('refuse a key that is not a configuration file before any call', async () => {
    await expect(
      createConfigDownloadJob(clients(), {
        jobId: newJobId('config-download'),
        key: 'notes.txt',
        target: { kind: 'thing', thingName: things[0] ?? '' },
      }),
    ).rejects.toThrow(/not a configuration file/)
  })
})
