import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useLocalCloudFixture, uniqueName } from '../testing/local-cloud-fixture.ts'
import { binaryBytes, s3Client } from '../testing/s3-helpers.ts'

/**
 * Conditional writes: If-None-Match: * refuses to replace an existing key on
 * PutObject and CompleteMultipartUpload, and of concurrent conditional
 * writers "the first write operation to finish succeeds" while the others
 * get 412 Precondition Failed.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 */
const cloud = useLocalCloudFixture()
let s3: S3Client
let bucket: string

beforeAll(async () => {
  s3 = s3Client(cloud.endpoint)
  bucket = uniqueName('conditional')
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
})
afterAll(() => s3.destroy())

async function stored(key: string): Promise<Buffer> {
  const output = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  return Buffer.from((await output.Body?.transformToByteArray()) ?? [])
}

/** A one-part multipart upload of `body`, ready to complete (a lone last part may be under 5 MiB). */
async function uploadOnePart(key: string, body: Uint8Array) {
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }))
  const { ETag } = await s3.send(
    new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: body }),
  )
  const complete = (conditions: { IfNoneMatch?: string; IfMatch?: string }) =>
    s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] },
        ...conditions,
      }),
    )
  return { uploadId: UploadId ?? '', complete }
}

describe('CompleteMultipartUpload with conditions', () => {
  it('completes with If-None-Match: * when the key is free', async () => {
    const key = uniqueName('free')
    const body = binaryBytes(1000, 1)
    const upload = await uploadOnePart(key, body)
    await upload.complete({ IfNoneMatch: '*' })
    expect((await stored(key)).equals(body)).toBe(true)
  })

  it('refuses If-None-Match: * over an existing object and keeps the upload', async () => {
    const key = uniqueName('taken')
    const first = binaryBytes(1000, 2)
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: first }))
    const upload = await uploadOnePart(key, binaryBytes(1000, 3))
    await expect(upload.complete({ IfNoneMatch: '*' })).rejects.toMatchObject({
      name: 'PreconditionFailed',
      $metadata: { httpStatusCode: 412 },
    })
    expect((await stored(key)).equals(first)).toBe(true)
    // The upload is still there for the client to abort (or complete without the condition).
    const parts = await s3.send(
      new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: upload.uploadId }),
    )
    expect(parts.Parts).toHaveLength(1)
    await s3.send(
      new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: upload.uploadId }),
    )
  })

  it('refuses If-Match with another ETag', async () => {
    const key = uniqueName('if-match')
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v1' }))
    const upload = await uploadOnePart(key, binaryBytes(100, 4))
    await expect(
      upload.complete({ IfMatch: '"0123456789abcdef0123456789abcdef"' }),
    ).rejects.toMatchObject({
      name: 'PreconditionFailed',
    })
    expect((await stored(key)).toString()).toBe('v1')
  })
})

describe('concurrent conditional writes', () => {
  it('lets exactly one of several PutObject If-None-Match: * win', async () => {
    const key = uniqueName('race-put')
    const bodies = Array.from({ length: 6 }, (_, index) => binaryBytes(500_000, index + 10))
    const results = await Promise.allSettled(
      bodies.map((Body) =>
        s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body, IfNoneMatch: '*' })),
      ),
    )
    const winners = results.flatMap((result, index) =>
      result.status === 'fulfilled' ? [index] : [],
    )
    expect(winners).toHaveLength(1)
    for (const result of results) {
      if (result.status === 'rejected')
        expect(result.reason).toMatchObject({ name: 'PreconditionFailed' })
    }
    expect((await stored(key)).equals(bodies[winners[0] ?? -1] ?? Buffer.alloc(0))).toBe(true)
  })

  it('lets exactly one of several CompleteMultipartUpload If-None-Match: * win', async () => {
    const key = uniqueName('race-complete')
    const bodies = Array.from({ length: 4 }, (_, index) => binaryBytes(500_000, index + 20))
    const uploads = await Promise.all(bodies.map((body) => uploadOnePart(key, body)))
    const results = await Promise.allSettled(
      uploads.map((upload) => upload.complete({ IfNoneMatch: '*' })),
    )
    const winners = results.flatMap((result, index) =>
      result.status === 'fulfilled' ? [index] : [],
    )
    expect(winners).toHaveLength(1)
    for (const result of results) {
      if (result.status === 'rejected')
        expect(result.reason).toMatchObject({ name: 'PreconditionFailed' })
    }
    expect((await stored(key)).equals(bodies[winners[0] ?? -1] ?? Buffer.alloc(0))).toBe(true)
  })
})
