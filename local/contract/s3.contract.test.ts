import { createHash } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  PutObjectCommand,
  S3ServiceException,
  type S3Client,
} from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_CREDENTIALS, BUCKET_NAMES } from '../config.ts'
import { useLocalCloudFixture, uniqueName } from '../testing/local-cloud-fixture.ts'
import { binaryBytes, s3Client, virtualHostedS3Client } from '../testing/s3-helpers.ts'

const cloud = useLocalCloudFixture()
let s3: S3Client
let bucket: string

beforeAll(async () => {
  s3 = s3Client(cloud.endpoint)
  bucket = uniqueName('objects')
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
})
afterAll(() => s3.destroy())

const bytesOf = async (key: string, target = bucket) => {
  const output = await s3.send(new GetObjectCommand({ Bucket: target, Key: key }))
  return Buffer.from((await output.Body?.transformToByteArray()) ?? [])
}
const md5Hex = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex')

describe('S3 buckets', () => {
  it('creates, finds, lists and deletes a bucket', async () => {
    const name = uniqueName('lifecycle')
    await s3.send(new CreateBucketCommand({ Bucket: name }))
    expect(await s3.send(new HeadBucketCommand({ Bucket: name }))).toMatchObject({
      BucketRegion: 'us-east-1',
    })
    const listed = await s3.send(new ListBucketsCommand({}))
    expect(listed.Buckets?.map((entry) => entry.Name)).toContain(name)
    // us-east-1 answers 200 to re-creating a bucket the account owns.
    await s3.send(new CreateBucketCommand({ Bucket: name }))
    await s3.send(new PutObjectCommand({ Bucket: name, Key: 'k', Body: 'x' }))
    await expect(s3.send(new DeleteBucketCommand({ Bucket: name }))).rejects.toMatchObject({
      name: 'BucketNotEmpty',
      $metadata: { httpStatusCode: 409 },
    })
    await s3.send(new DeleteObjectCommand({ Bucket: name, Key: 'k' }))
    await s3.send(new DeleteBucketCommand({ Bucket: name }))
    await expect(s3.send(new HeadBucketCommand({ Bucket: name }))).rejects.toMatchObject({
      name: 'NotFound',
      $metadata: { httpStatusCode: 404 },
    })
  })

  it('refuses invalid names and answers typed errors for missing buckets', async () => {
    await expect(s3.send(new CreateBucketCommand({ Bucket: 'Not_Valid' }))).rejects.toMatchObject({
      name: 'InvalidBucketName',
    })
    const missing = s3.send(new GetObjectCommand({ Bucket: uniqueName('missing'), Key: 'k' }))
    await expect(missing).rejects.toBeInstanceOf(NoSuchBucket)
    await expect(
      s3.send(
        new CreateBucketCommand({
          Bucket: uniqueName('elsewhere'),
          CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
        }),
      ),
    ).rejects.toMatchObject({ name: 'IllegalLocationConstraintException' })
  })
})

describe('S3 objects', () => {
  it.each([0, 1, 8191, 8192, 70_000, 1024 * 1024 + 17])(
    'returns exactly the %i bytes it was given',
    async (size) => {
      const key = `sizes/${size}.bin`
      const body = binaryBytes(size, size)
      const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))
      expect(put.ETag).toBe(`"${md5Hex(body)}"`)
      expect((await bytesOf(key)).equals(body)).toBe(true)
    },
  )

  it('keeps content headers and user metadata', async () => {
    const key = 'docs/report.json'
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: '{"ok":true}',
        ContentType: 'application/json',
        ContentDisposition: 'attachment; filename="report.json"',
        ContentLanguage: 'en',
        CacheControl: 'max-age=60',
        Metadata: { version: '1.2.3', 'built-by': 'ci' },
      }),
    )
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
    expect(head).toMatchObject({
      ContentLength: 11,
      ContentType: 'application/json',
      ContentDisposition: 'attachment; filename="report.json"',
      ContentLanguage: 'en',
      CacheControl: 'max-age=60',
      Metadata: { version: '1.2.3', 'built-by': 'ci' },
      ETag: `"${md5Hex(Buffer.from('{"ok":true}'))}"`,
    })
    expect(head.LastModified?.getTime()).toBeGreaterThan(Date.now() - 60_000)
  })

  it('keeps keys with spaces, plus signs, unicode and dots as they were', async () => {
    const keys = ['a b+c.txt', 'ünïcödé/ファイル', 'dots/../x', 'trailing/']
    for (const key of keys)
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }))
    for (const key of keys) expect((await bytesOf(key)).toString()).toBe(key)
  })

  it('serves byte ranges with 206, and 416 past the end', async () => {
    const key = 'ranges.bin'
    const body = binaryBytes(1000, 3)
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))
    const part = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=10-19' }),
    )
    expect(part.$metadata.httpStatusCode).toBe(206)
    expect(part.ContentRange).toBe('bytes 10-19/1000')
    expect(part.ContentLength).toBe(10)
    expect(
      Buffer.from((await part.Body?.transformToByteArray()) ?? []).equals(body.subarray(10, 20)),
    ).toBe(true)
    const tail = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=-5' }),
    )
    expect(
      Buffer.from((await tail.Body?.transformToByteArray()) ?? []).equals(body.subarray(995)),
    ).toBe(true)
    await expect(
      s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=1000-' })),
    ).rejects.toMatchObject({ name: 'InvalidRange', $metadata: { httpStatusCode: 416 } })
  })

  it('answers conditional reads with 304 and 412', async () => {
    const key = 'conditional.txt'
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v1' }))
    await expect(
      s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfNoneMatch: ETag })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 304 } })
    await expect(
      s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: '"0000"' })),
    ).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } })
    await expect(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v2', IfNoneMatch: '*' })),
    ).rejects.toMatchObject({ name: 'PreconditionFailed' })
  })

  it('answers NoSuchKey for a missing key, and deletes idempotently', async () => {
    const missing = s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'never-written' }))
    await expect(missing).rejects.toBeInstanceOf(NoSuchKey)
    await expect(missing).rejects.toMatchObject({ message: 'The specified key does not exist.' })
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'never-written' }))
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'gone', Body: 'x' }))
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'gone' }))
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'gone' })),
    ).rejects.toMatchObject({
      name: 'NotFound',
    })
  })

  it('deletes many objects at once, quietly or not', async () => {
    const keys = ['batch/1', 'batch/2', 'batch/3']
    for (const key of keys)
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }))
    const loud = await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: [{ Key: 'batch/1' }, { Key: 'batch/none' }] },
      }),
    )
    expect(loud.Deleted?.map((entry) => entry.Key)).toEqual(['batch/1', 'batch/none'])
    const quiet = await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: [{ Key: 'batch/2' }, { Key: 'batch/3' }], Quiet: true },
      }),
    )
    expect(quiet.Deleted ?? []).toEqual([])
    const left = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'batch/' }))
    expect(left.KeyCount).toBe(0)
  })

  it('copies objects, keeping or replacing their metadata', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'copy/source',
        Body: 'payload',
        ContentType: 'text/plain',
        Metadata: { origin: 'source' },
      }),
    )
    const copied = await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: 'copy/kept',
        CopySource: `${bucket}/copy/source`,
      }),
    )
    expect(copied.CopyObjectResult?.ETag).toBe(`"${md5Hex(Buffer.from('payload'))}"`)
    expect(
      await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'copy/kept' })),
    ).toMatchObject({
      ContentType: 'text/plain',
      Metadata: { origin: 'source' },
    })
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: 'copy/replaced',
        CopySource: encodeURIComponent(`${bucket}/copy/source`),
        MetadataDirective: 'REPLACE',
        ContentType: 'application/octet-stream',
        Metadata: { origin: 'replaced' },
      }),
    )
    expect(
      await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'copy/replaced' })),
    ).toMatchObject({
      ContentType: 'application/octet-stream',
      Metadata: { origin: 'replaced' },
    })
    expect((await bytesOf('copy/replaced')).toString()).toBe('payload')
    await expect(
      s3.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: 'copy/source',
          CopySource: `${bucket}/copy/source`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidRequest' })
    await expect(
      s3.send(
        new CopyObjectCommand({ Bucket: bucket, Key: 'copy/x', CopySource: `${bucket}/copy/none` }),
      ),
    ).rejects.toBeInstanceOf(NoSuchKey)
  })

  it('answers an operation it does not emulate with NotImplemented naming it', async () => {
    const refused = s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))
    await expect(refused).rejects.toBeInstanceOf(S3ServiceException)
    await expect(refused).rejects.toMatchObject({
      name: 'NotImplemented',
      message: expect.stringContaining('GetBucketVersioning'),
      $metadata: { httpStatusCode: 501 },
    })
  })
})

describe('ListObjectsV2', () => {
  let listed: string
  const keys = [
    'a.txt',
    'photos/2026/1.jpg',
    'photos/2026/2.jpg',
    'photos/index.html',
    'space key',
    'videos/1.mp4',
    'z',
  ]

  beforeAll(async () => {
    listed = uniqueName('listing')
    await s3.send(new CreateBucketCommand({ Bucket: listed }))
    for (const key of keys)
      await s3.send(new PutObjectCommand({ Bucket: listed, Key: key, Body: key }))
  })

  it('lists by prefix and rolls keys up into common prefixes', async () => {
    const top = await s3.send(new ListObjectsV2Command({ Bucket: listed, Delimiter: '/' }))
    expect(top.Contents?.map((entry) => entry.Key)).toEqual(['a.txt', 'space key', 'z'])
    expect(top.CommonPrefixes?.map((entry) => entry.Prefix)).toEqual(['photos/', 'videos/'])
    expect(top.KeyCount).toBe(5)
    const photos = await s3.send(
      new ListObjectsV2Command({ Bucket: listed, Prefix: 'photos/', Delimiter: '/' }),
    )
    expect(photos.Contents?.map((entry) => entry.Key)).toEqual(['photos/index.html'])
    expect(photos.CommonPrefixes?.map((entry) => entry.Prefix)).toEqual(['photos/2026/'])
    expect(photos.Contents?.[0]).toMatchObject({ Size: 17, StorageClass: 'STANDARD' })
  })

  it('pages with max-keys and continuation tokens, each key once', async () => {
    const seen: string[] = []
    let token: string | undefined
    let pages = 0
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: listed, MaxKeys: 2, ContinuationToken: token }),
      )
      pages += 1
      seen.push(...(page.Contents ?? []).map((entry) => entry.Key ?? ''))
      expect(page.KeyCount).toBe(page.Contents?.length ?? 0)
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined
    } while (token !== undefined)
    expect(seen).toEqual(keys)
    expect(pages).toBe(4)
  })

  it('starts after start-after and encodes keys when asked', async () => {
    const after = await s3.send(
      new ListObjectsV2Command({ Bucket: listed, StartAfter: 'photos/index.html' }),
    )
    expect(after.Contents?.map((entry) => entry.Key)).toEqual(['space key', 'videos/1.mp4', 'z'])
    const encoded = await s3.send(
      new ListObjectsV2Command({ Bucket: listed, Prefix: 'space', EncodingType: 'url' }),
    )
    expect(encoded.EncodingType).toBe('url')
    expect(encoded.Contents?.map((entry) => entry.Key)).toEqual(['space+key'])
  })

  it('refuses a continuation token it did not issue', async () => {
    await expect(
      s3.send(new ListObjectsV2Command({ Bucket: listed, ContinuationToken: 'forged' })),
    ).rejects.toMatchObject({ name: 'InvalidArgument' })
  })
})

/** A request signed for and sent to the Host given, over node:http (fetch would resolve the name itself). */
async function signedRawGet(host: string, path: string): Promise<{ status: number; body: string }> {
  const port = new URL(cloud.endpoint).port
  const signer = new SignatureV4({
    credentials: ADMIN_CREDENTIALS,
    region: 'us-east-1',
    service: 's3',
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: false,
  })
  const signed = await signer.sign({
    method: 'GET',
    protocol: 'http:',
    hostname: host,
    port: Number(port),
    path,
    headers: { host: `${host}:${port}`, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
  })
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, path, method: 'GET', headers: signed.headers },
      (response) => {
        let body = ''
        response.on('data', (chunk: Buffer) => (body += chunk.toString()))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
      },
    )
    outgoing.on('error', reject)
    outgoing.end()
  })
}

describe('virtual-hosted-style requests', () => {
  it('accept <bucket>.s3.localhost as well as <bucket>.localhost', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'hosted/raw.txt', Body: 'raw' }))
    expect(await signedRawGet(`${bucket}.s3.localhost`, '/hosted/raw.txt')).toEqual({
      status: 200,
      body: 'raw',
    })
    expect(await signedRawGet(`${bucket}.localhost`, '/hosted/raw.txt')).toEqual({
      status: 200,
      body: 'raw',
    })
    const missing = await signedRawGet(`${bucket}.localhost`, '/hosted/none')
    expect(missing.status).toBe(404)
    expect(missing.body).toContain('<Code>NoSuchKey</Code>')
  })

  it('address the bucket in the host name', async () => {
    const virtual = virtualHostedS3Client(cloud.endpoint)
    try {
      const name = uniqueName('virtual')
      await virtual.send(new CreateBucketCommand({ Bucket: name }))
      await virtual.send(
        new PutObjectCommand({ Bucket: name, Key: 'dir/file.txt', Body: 'hosted' }),
      )
      // Stored once, whichever style addresses it.
      expect((await bytesOf('dir/file.txt', name)).toString()).toBe('hosted')
      const listed = await virtual.send(new ListObjectsV2Command({ Bucket: name }))
      expect(listed.Contents?.map((entry) => entry.Key)).toEqual(['dir/file.txt'])
    } finally {
      virtual.destroy()
    }
  })
})

describe('S3 permissions', () => {
  const firmware = BUCKET_NAMES.firmwareBucket
  const viewer = () => {
    const issued = cloud.running.cloud.temporaryCredentials.issue(
      'arn:aws:iam::000000000000:role/fleetdeck-viewer',
      'test',
      3600_000,
    )
    return s3Client(cloud.endpoint, { credentials: issued })
  }

  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: firmware }))
    await s3.send(new PutObjectCommand({ Bucket: firmware, Key: 'fw/1.0.0.bin', Body: 'firmware' }))
  })

  it('lets a viewer read firmware and refuses it every change', async () => {
    const client = viewer()
    try {
      const read = await client.send(
        new GetObjectCommand({ Bucket: firmware, Key: 'fw/1.0.0.bin' }),
      )
      expect(await read.Body?.transformToString()).toBe('firmware')
      const listed = await client.send(new ListObjectsV2Command({ Bucket: firmware }))
      expect(listed.Contents?.map((entry) => entry.Key)).toContain('fw/1.0.0.bin')
      await expect(
        client.send(new PutObjectCommand({ Bucket: firmware, Key: 'fw/evil.bin', Body: 'x' })),
      ).rejects.toMatchObject({
        name: 'AccessDenied',
        message: expect.stringContaining(
          'is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::fleetdeck-firmware/fw/evil.bin',
        ),
        $metadata: { httpStatusCode: 403 },
      })
      await expect(
        client.send(new DeleteObjectCommand({ Bucket: firmware, Key: 'fw/1.0.0.bin' })),
      ).rejects.toMatchObject({ name: 'AccessDenied' })
      await expect(
        client.send(new GetObjectCommand({ Bucket: bucket, Key: 'a b+c.txt' })),
      ).rejects.toMatchObject({
        name: 'AccessDenied',
      })
      expect((await bytesOf('fw/1.0.0.bin', firmware)).toString()).toBe('firmware')
    } finally {
      client.destroy()
    }
  })

  it('refuses anonymous requests to objects', async () => {
    const response = await fetch(new URL(`/${firmware}/fw/1.0.0.bin`, cloud.endpoint))
    expect(response.status).toBe(403)
    expect(response.headers.get('content-type')).toBe('application/xml')
    const requestId = response.headers.get('x-amz-request-id') ?? ''
    expect(requestId).toMatch(/^[0-9A-F]{16}$/)
    const body = await response.text()
    expect(body).toContain('<Code>AccessDenied</Code>')
    expect(body).toContain(`<RequestId>${requestId}</RequestId>`)
  })

  it('leaves unsigned IoT requests to the IoT services', async () => {
    const response = await fetch(new URL('/things/some-thing', cloud.endpoint))
    expect(response.status).toBe(403)
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException')
  })
})
