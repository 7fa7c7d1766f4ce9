import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUCKET_NAMES } from '../config.ts'
import { useLocalCloudFixture, uniqueName } from '../testing/local-cloud-fixture.ts'
import { binaryBytes, s3Client } from '../testing/s3-helpers.ts'

const cloud = useLocalCloudFixture()
let s3: S3Client
let whenRequired: S3Client
let bucket: string

beforeAll(async () => {
  s3 = s3Client(cloud.endpoint)
  whenRequired = s3Client(cloud.endpoint, { requestChecksumCalculation: 'WHEN_REQUIRED' })
  bucket = uniqueName('presigned')
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: 'fw/image.bin', Body: binaryBytes(4096) }),
  )
})
afterAll(() => {
  s3.destroy()
  whenRequired.destroy()
})

async function stored(key: string): Promise<Buffer> {
  const output = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  return Buffer.from((await output.Body?.transformToByteArray()) ?? [])
}

async function errorOf(
  response: Response,
): Promise<{ status: number; code?: string; message?: string }> {
  const text = await response.text()
  return {
    status: response.status,
    ...(/<Code>([^<]*)<\/Code>/.exec(text)?.[1] === undefined
      ? {}
      : { code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1] }),
    ...(/<Message>([^<]*)<\/Message>/.exec(text)?.[1] === undefined
      ? {}
      : { message: /<Message>([^<]*)<\/Message>/.exec(text)?.[1] }),
  }
}

const getUrl = (key = 'fw/image.bin', options: { expiresIn?: number; signingDate?: Date } = {}) =>
  getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
    expiresIn: 300,
    ...options,
  })

describe('pre-signed GET URLs', () => {
  it('download the object with fetch', async () => {
    const response = await fetch(await getUrl())
    expect(response.status).toBe(200)
    expect(Buffer.from(await response.arrayBuffer()).equals(binaryBytes(4096))).toBe(true)
  })

  it('are refused once the key, the signature or a signed parameter is changed', async () => {
    const url = new URL(await getUrl())
    const otherKey = new URL(url)
    otherKey.pathname = `/${bucket}/fw/other.bin`
    const otherSignature = new URL(url)
    otherSignature.searchParams.set('X-Amz-Signature', '0'.repeat(64))
    const longer = new URL(url)
    longer.searchParams.set('X-Amz-Expires', '604800')
    for (const tampered of [otherKey, otherSignature, longer]) {
      expect(await errorOf(await fetch(tampered))).toEqual({
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: expect.stringContaining('does not match the signature you provided') as string,
      })
    }
  })

  it('are refused after they expire', async () => {
    const url = await getUrl('fw/image.bin', {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 2 * 60 * 60 * 1000),
    })
    expect(await errorOf(await fetch(url))).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Request has expired',
    })
  })

  it('carry the signer’s permissions: a viewer may read firmware, not write it', async () => {
    const firmware = BUCKET_NAMES.firmwareBucket
    await s3.send(new CreateBucketCommand({ Bucket: firmware }))
    await s3.send(new PutObjectCommand({ Bucket: firmware, Key: 'fw/1.bin', Body: 'fw' }))
    const credentials = cloud.running.cloud.temporaryCredentials.issue(
      'arn:aws:iam::000000000000:role/fleetdeck-viewer',
      'presigner',
      3600_000,
    )
    const viewer = s3Client(cloud.endpoint, {
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    })
    try {
      const read = await getSignedUrl(
        viewer,
        new GetObjectCommand({ Bucket: firmware, Key: 'fw/1.bin' }),
      )
      expect(await (await fetch(read)).text()).toBe('fw')
      const write = await getSignedUrl(
        viewer,
        new PutObjectCommand({ Bucket: firmware, Key: 'fw/2.bin' }),
      )
      expect(await errorOf(await fetch(write, { method: 'PUT', body: 'x' }))).toMatchObject({
        status: 403,
        code: 'AccessDenied',
      })
    } finally {
      viewer.destroy()
    }
  })
})

describe('pre-signed PUT URLs', () => {
  it('upload with fetch when made with requestChecksumCalculation WHEN_REQUIRED', async () => {
    const body = binaryBytes(100_000, 9)
    const url = await getSignedUrl(
      whenRequired,
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'uploads/browser.bin',
        Metadata: { source: 'browser' },
      }),
      { expiresIn: 300 },
    )
    const response = await fetch(url, { method: 'PUT', body })
    expect(response.status).toBe(200)
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/)
    expect((await stored('uploads/browser.bin')).equals(body)).toBe(true)
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: bucket, Key: 'uploads/browser.bin' }),
    )
    expect(head.Metadata).toEqual({ source: 'browser' })
  })

  it('refuse a non-empty body when the default settings hoisted the empty body’s CRC32 into the URL', async () => {
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: bucket, Key: 'uploads/hoisted.bin' }),
    )
    expect(new URL(url).searchParams.get('x-amz-checksum-crc32')).toBe('AAAAAA==')
    expect(await errorOf(await fetch(url, { method: 'PUT', body: 'not empty' }))).toEqual({
      status: 400,
      code: 'BadDigest',
      message: 'The CRC32 you specified did not match the calculated checksum.',
    })
    // The checksum is right for an empty body, as on S3.
    expect((await fetch(url, { method: 'PUT', body: '' })).status).toBe(200)
  })

  it('are refused when tampered with or expired', async () => {
    const url = new URL(
      await getSignedUrl(
        whenRequired,
        new PutObjectCommand({ Bucket: bucket, Key: 'uploads/signed.bin' }),
        {
          expiresIn: 300,
        },
      ),
    )
    const moved = new URL(url)
    moved.pathname = `/${bucket}/uploads/elsewhere.bin`
    expect(await errorOf(await fetch(moved, { method: 'PUT', body: 'x' }))).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    })
    const expired = await getSignedUrl(
      whenRequired,
      new PutObjectCommand({ Bucket: bucket, Key: 'uploads/late.bin' }),
      { expiresIn: 1, signingDate: new Date(Date.now() - 60_000) },
    )
    expect(await errorOf(await fetch(expired, { method: 'PUT', body: 'x' }))).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Request has expired',
    })
  })
})
