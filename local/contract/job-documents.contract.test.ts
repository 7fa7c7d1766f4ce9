import {
  CreateJobCommand,
  CreateJobTemplateCommand,
  DescribeJobCommand,
  GetJobDocumentCommand,
  InvalidRequestException,
} from '@aws-sdk/client-iot'
import {
  DescribeJobExecutionCommand,
  StartNextPendingJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROLE_NAMES } from '../../domain/permissions.ts'
import { s3ObjectUrl } from '../../domain/s3-object-url.ts'
import { ACCOUNT_ID, REGION } from '../config.ts'
import { arnOfThing, createThings } from '../testing/fleet-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import { s3Client } from '../testing/s3-helpers.ts'

const cloud = useLocalCloudFixture()
const PRESIGNER_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/${ROLE_NAMES.iotPresigner}`
// The presigner role may read only the deployment's firmware and config buckets.
const BUCKET = 'fleetdeck-firmware'
const FIRMWARE = new Uint8Array(Array.from({ length: 3000 }, (_, index) => (index * 7) % 256))

let s3: S3Client
beforeAll(async () => {
  s3 = s3Client(cloud.endpoint, { forcePathStyle: true })
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }))
  await s3.send(new CreateBucketCommand({ Bucket: 'not-fleetdeck' }))
})

async function putObject(bucket: string, key: string, body: Uint8Array | string): Promise<string> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))
  return s3ObjectUrl({ bucket, key, region: REGION })
}

function installDocument(objectUrl: string): string {
  return JSON.stringify({
    operation: 'install',
    url: `\${aws:iot:s3-presigned-url:${objectUrl}}`,
    version: '2.0.0',
  })
}

async function urlOnDevice(document: string, presignedUrlConfig: object): Promise<string> {
  const [thingName = ''] = await createThings(cloud.iot, 1)
  const jobId = uniqueName('job')
  await cloud.iot.send(
    new CreateJobCommand({
      jobId,
      targets: [arnOfThing(thingName)],
      document,
      presignedUrlConfig,
    }),
  )
  const started = await cloud.jobsData.send(new StartNextPendingJobExecutionCommand({ thingName }))
  const delivered = JSON.parse(started.execution?.jobDocument ?? '{}') as { url: string }
  // The stored document keeps its placeholder; only devices see URLs.
  const stored = await cloud.iot.send(new GetJobDocumentCommand({ jobId }))
  expect(stored.document).toBe(document)
  const described = await cloud.jobsData.send(new DescribeJobExecutionCommand({ thingName, jobId }))
  expect(JSON.parse(described.execution?.jobDocument ?? '{}')).toMatchObject({ version: '2.0.0' })
  return delivered.url
}

describe('pre-signed URL placeholders', () => {
  it('become URLs a device can download the firmware with, valid as long as the job says', async () => {
    const objectUrl = await putObject(BUCKET, `sensor/${uniqueName('fw')} v2.bin`, FIRMWARE)
    const url = await urlOnDevice(installDocument(objectUrl), {
      roleArn: PRESIGNER_ROLE,
      expiresInSec: 120,
    })
    expect(url.startsWith(`${cloud.endpoint}/${BUCKET}/sensor/`)).toBe(true)
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('120')
    const download = await fetch(url)
    expect(download.status).toBe(200)
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(FIRMWARE)

    const tampered = new URL(url)
    tampered.searchParams.set('X-Amz-Expires', '3600')
    expect((await fetch(tampered)).status).toBe(403)
  })

  it('are signed with the role the job names, whose permissions decide the download', async () => {
    const objectUrl = await putObject('not-fleetdeck', uniqueName('fw'), FIRMWARE)
    const outside = await urlOnDevice(installDocument(objectUrl), { roleArn: PRESIGNER_ROLE })
    expect(new URL(outside).searchParams.get('X-Amz-Expires')).toBe('3600')
    expect((await fetch(outside)).status).toBe(403)

    const inside = await putObject(BUCKET, uniqueName('fw'), FIRMWARE)
    const unknownRole = await urlOnDevice(installDocument(inside), {
      roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/not-a-fleetdeck-role`,
    })
    expect((await fetch(unknownRole)).status).toBe(403)
  })

  it('are refused at CreateJob without presignedUrlConfig or around something not an S3 URL', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const create = (document: string, presignedUrlConfig?: { roleArn: string }) =>
      cloud.iot.send(
        new CreateJobCommand({
          jobId: uniqueName('job'),
          targets: [arnOfThing(thingName)],
          document,
          ...(presignedUrlConfig === undefined ? {} : { presignedUrlConfig }),
        }),
      )
    const objectUrl = s3ObjectUrl({ bucket: BUCKET, key: 'a.bin', region: REGION })
    await expect(create(installDocument(objectUrl))).rejects.toThrow('presignedUrlConfig')
    await expect(
      create(installDocument('https://example.com/a.bin'), { roleArn: PRESIGNER_ROLE }),
    ).rejects.toBeInstanceOf(InvalidRequestException)
  })
})

describe('documentSource', () => {
  it('reads the job document from S3 at creation and reports where it came from', async () => {
    const document = JSON.stringify({ operation: 'config-download', url: 'https://example.com/c' })
    const source = await putObject(BUCKET, `jobs/${uniqueName('doc')}.json`, document)
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const jobId = uniqueName('job')
    await cloud.iot.send(
      new CreateJobCommand({ jobId, targets: [arnOfThing(thingName)], documentSource: source }),
    )
    expect((await cloud.iot.send(new DescribeJobCommand({ jobId }))).documentSource).toBe(source)
    expect((await cloud.iot.send(new GetJobDocumentCommand({ jobId }))).document).toBe(document)
    const started = await cloud.jobsData.send(
      new StartNextPendingJobExecutionCommand({ thingName }),
    )
    expect(started.execution?.jobDocument).toBe(document)
  })

  it('serves job templates too', async () => {
    const document = JSON.stringify({ operation: 'config-upload', url: 'https://example.com/u' })
    const source = await putObject(BUCKET, `templates/${uniqueName('doc')}.json`, document)
    const { jobTemplateArn } = await cloud.iot.send(
      new CreateJobTemplateCommand({
        jobTemplateId: uniqueName('tpl'),
        description: 'from S3',
        documentSource: source,
      }),
    )
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const jobId = uniqueName('job')
    await cloud.iot.send(
      new CreateJobCommand({ jobId, targets: [arnOfThing(thingName)], jobTemplateArn }),
    )
    expect((await cloud.iot.send(new GetJobDocumentCommand({ jobId }))).document).toBe(document)
  })

  it('refuses a missing object, a document that is not JSON and a URL that is not S3', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const create = (documentSource: string) =>
      cloud.iot.send(
        new CreateJobCommand({
          jobId: uniqueName('job'),
          targets: [arnOfThing(thingName)],
          documentSource,
        }),
      )
    const missing = s3ObjectUrl({ bucket: BUCKET, key: uniqueName('none'), region: REGION })
    await expect(create(missing)).rejects.toThrow('no such object')
    const notJson = await putObject(BUCKET, uniqueName('bad'), 'not json')
    await expect(create(notJson)).rejects.toThrow('JSON object')
    await expect(create('https://example.com/doc.json')).rejects.toBeInstanceOf(
      InvalidRequestException,
    )
    const huge = await putObject(BUCKET, uniqueName('huge'), new Uint8Array(200_000).fill(32))
    await expect(create(huge)).rejects.toThrow('at most 32768 characters')
  })
})
