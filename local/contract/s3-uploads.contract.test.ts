import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { crc32 } from 'node:zlib'
import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  NoSuchUpload,
  PutObjectCommand,
  UploadPartCommand,
  type ChecksumAlgorithm,
  type S3Client,
} from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_CREDENTIALS } from '../config.ts'
import {
  chunkSignature,
  signingKeyFor,
  trailerSignature,
  type ChunkSigning,
} from '../s3/aws-chunked.ts'
import { useLocalCloudFixture, uniqueName } from '../testing/local-cloud-fixture.ts'
import { binaryBytes, s3Client } from '../testing/s3-helpers.ts'

const cloud = useLocalCloudFixture()
let s3: S3Client
let whenRequired: S3Client
let bucket: string

beforeAll(async () => {
  s3 = s3Client(cloud.endpoint)
  whenRequired = s3Client(cloud.endpoint, { requestChecksumCalculation: 'WHEN_REQUIRED' })
  bucket = uniqueName('uploads')
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
})
afterAll(() => {
  s3.destroy()
  whenRequired.destroy()
})

const base64 = (algorithm: string, bytes: Uint8Array) =>
  createHash(algorithm).update(bytes).digest('base64')
const crc32Base64 = (bytes: Uint8Array) => {
  const out = Buffer.alloc(4)
  out.writeUInt32BE(crc32(bytes))
  return out.toString('base64')
}

async function stored(key: string): Promise<Buffer> {
  const output = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  return Buffer.from((await output.Body?.transformToByteArray()) ?? [])
}

async function fileStream(bytes: Buffer): Promise<Readable> {
  const path = join(cloud.dataDir, `${uniqueName('upload')}.bin`)
  await writeFile(path, bytes)
  return createReadStream(path)
}

describe('streaming uploads (aws-chunked)', () => {
  it('stores the real bytes of an SDK stream upload with its CRC32 trailer', async () => {
    const body = binaryBytes(200_000, 1)
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'stream/file.bin',
        Body: await fileStream(body),
      }),
    )
    expect(put.ChecksumCRC32).toBe(crc32Base64(body))
    expect((await stored('stream/file.bin')).equals(body)).toBe(true)
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: bucket, Key: 'stream/file.bin', ChecksumMode: 'ENABLED' }),
    )
    expect(head).toMatchObject({ ContentLength: 200_000, ChecksumCRC32: crc32Base64(body) })
  })

  it('refuses chunks under 8 KiB as S3 does, and accepts them buffered', async () => {
    const pieces = () =>
      Readable.from(Array.from({ length: 20 }, (_, index) => binaryBytes(1000, index)))
    await expect(
      s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'stream/small',
          Body: pieces(),
          ContentLength: 20_000,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidChunkSizeError' })
    const buffered = s3Client(cloud.endpoint, { requestStreamBufferSize: 65_536 })
    try {
      await buffered.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'stream/small',
          Body: pieces(),
          ContentLength: 20_000,
        }),
      )
    } finally {
      buffered.destroy()
    }
    const expected = Buffer.concat(
      Array.from({ length: 20 }, (_, index) => binaryBytes(1000, index)),
    )
    expect((await stored('stream/small')).equals(expected)).toBe(true)
  })

  it('stores streams sent with requestChecksumCalculation WHEN_REQUIRED', async () => {
    const body = binaryBytes(100_000, 2)
    await whenRequired.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'stream/plain', Body: await fileStream(body) }),
    )
    expect((await stored('stream/plain')).equals(body)).toBe(true)
    await whenRequired.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'plain/buffer', Body: body }),
    )
    // Objects uploaded without a checksum get S3's default CRC64NVME; the SDK verifies it on GET.
    const read = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'plain/buffer', ChecksumMode: 'ENABLED' }),
    )
    expect(read.ChecksumCRC64NVME).toMatch(/^[A-Za-z0-9+/]{11}=$/)
    expect(Buffer.from((await read.Body?.transformToByteArray()) ?? []).equals(body)).toBe(true)
  })
})

describe('signed streaming uploads (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)', () => {
  /** A streaming PUT signed chunk by chunk, as the Java SDK and the CRT send it. */
  async function signedStreamingPut(
    key: string,
    data: Buffer,
    options: { trailer?: [string, string]; tamper?: boolean; declaredLength?: number } = {},
  ): Promise<Response> {
    const url = new URL(`/${bucket}/${key}`, cloud.endpoint)
    const signedAt = new Date()
    const payload =
      options.trailer === undefined
        ? 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD'
        : 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER'
    const headers: Record<string, string> = {
      host: url.host,
      'content-encoding': 'aws-chunked',
      'x-amz-content-sha256': payload,
      'x-amz-decoded-content-length': String(options.declaredLength ?? data.length),
      ...(options.trailer === undefined ? {} : { 'x-amz-trailer': options.trailer[0] }),
    }
    const signer = new SignatureV4({
      credentials: ADMIN_CREDENTIALS,
      region: 'us-east-1',
      service: 's3',
      sha256: Hash.bind(null, 'sha256'),
      uriEscapePath: false,
    })
    const signed = await signer.sign(
      {
        method: 'PUT',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        headers,
      },
      { signingDate: signedAt },
    )
    const authorization = String(signed.headers.authorization)
    const amzDate = String(signed.headers['x-amz-date'])
    const signing: ChunkSigning = {
      signingKey: signingKeyFor(
        ADMIN_CREDENTIALS.secretAccessKey,
        amzDate.slice(0, 8),
        'us-east-1',
      ),
      amzDate,
      scope: `${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`,
      seedSignature: /Signature=([0-9a-f]{64})/.exec(authorization)?.[1] ?? '',
    }
    const chunks = [data.subarray(0, 65_536), data.subarray(65_536), Buffer.alloc(0)].filter(
      (chunk, index, all) => chunk.length > 0 || index === all.length - 1,
    )
    const parts: Buffer[] = []
    let previous = signing.seedSignature
    for (const chunk of chunks) {
      previous = chunkSignature(signing, previous, chunk)
      const sent =
        options.tamper === true && chunk.length > 0 ? Buffer.from(chunk).fill(0, 0, 1) : chunk
      parts.push(
        Buffer.from(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n`),
        sent,
        Buffer.from('\r\n'),
      )
    }
    if (options.trailer !== undefined) {
      parts.pop()
      const trailerLine = `${options.trailer[0]}:${options.trailer[1]}`
      const signature = trailerSignature(signing, previous, [options.trailer])
      parts.push(Buffer.from(`${trailerLine}\r\nx-amz-trailer-signature:${signature}\r\n\r\n`))
    }
    return fetch(url, { method: 'PUT', headers: signed.headers, body: Buffer.concat(parts) })
  }

  it('verifies every chunk signature and stores the decoded bytes', async () => {
    const data = binaryBytes(70_000, 4)
    const response = await signedStreamingPut('signed/plain', data)
    expect(response.status).toBe(200)
    expect((await stored('signed/plain')).equals(data)).toBe(true)
  })

  it('verifies a signed trailer and the checksum it carries', async () => {
    const data = binaryBytes(70_000, 5)
    const ok = await signedStreamingPut('signed/trailer', data, {
      trailer: ['x-amz-checksum-sha256', base64('sha256', data)],
    })
    expect(ok.status).toBe(200)
    expect((await stored('signed/trailer')).equals(data)).toBe(true)
    const wrong = await signedStreamingPut('signed/wrong', data, {
      trailer: ['x-amz-checksum-sha256', base64('sha256', Buffer.from('other'))],
    })
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('<Code>BadDigest</Code>')
  })

  it('refuses a chunk changed after signing, and a length that does not match', async () => {
    const data = binaryBytes(70_000, 6)
    const tampered = await signedStreamingPut('signed/tampered', data, { tamper: true })
    expect(tampered.status).toBe(403)
    expect(await tampered.text()).toContain('<Code>SignatureDoesNotMatch</Code>')
    const short = await signedStreamingPut('signed/short', data, { declaredLength: 1 })
    expect(short.status).toBe(400)
    expect(await short.text()).toContain('<Code>IncompleteBody</Code>')
  })
})

describe('checksums', () => {
  const algorithms: ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256']

  it.each(algorithms)(
    'verifies and returns %s, sent as a header or a trailer',
    async (algorithm) => {
      const body = binaryBytes(50_000, algorithm.length)
      const member = `Checksum${algorithm}` as const
      const header = await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: `sums/${algorithm}`,
          Body: body,
          ChecksumAlgorithm: algorithm,
        }),
      )
      const trailer = await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: `sums/${algorithm}-stream`,
          Body: await fileStream(body),
          ChecksumAlgorithm: algorithm,
        }),
      )
      expect(header[member]).toBeDefined()
      expect(trailer[member]).toBe(header[member])
      for (const key of [`sums/${algorithm}`, `sums/${algorithm}-stream`]) {
        // With ChecksumMode the SDK checks the body against the returned checksum itself.
        const read = await s3.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' }),
        )
        expect(read[member]).toBe(header[member])
        expect(read.ChecksumType).toBe('FULL_OBJECT')
        expect(Buffer.from((await read.Body?.transformToByteArray()) ?? []).equals(body)).toBe(true)
      }
      if (algorithm === 'SHA256') expect(header.ChecksumSHA256).toBe(base64('sha256', body))
    },
  )

  it('refuses a body that does not match the checksum or Content-MD5 sent', async () => {
    const body = Buffer.from('the real bytes')
    for (const client of [s3, whenRequired]) {
      await expect(
        client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: 'sums/refused',
            Body: body,
            ChecksumSHA256: base64('sha256', Buffer.from('other bytes')),
          }),
        ),
      ).rejects.toMatchObject({
        name: 'BadDigest',
        message: 'The SHA256 you specified did not match the calculated checksum.',
        $metadata: { httpStatusCode: 400 },
      })
      await expect(
        client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: 'sums/refused',
            Body: body,
            ContentMD5: base64('md5', Buffer.from('x')),
          }),
        ),
      ).rejects.toMatchObject({ name: 'BadDigest' })
      await expect(
        client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: 'sums/refused',
            Body: body,
            ContentMD5: 'not-md5',
          }),
        ),
      ).rejects.toMatchObject({ name: 'InvalidDigest' })
    }
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'sums/refused' })),
    ).rejects.toMatchObject({
      name: 'NotFound',
    })
    await whenRequired.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'sums/md5',
        Body: body,
        ContentMD5: base64('md5', body),
      }),
    )
  })
})

describe('multipart uploads', () => {
  const MiB = 1024 * 1024
  const partsOf = (seed: number) => [
    binaryBytes(5 * MiB, seed),
    binaryBytes(5 * MiB, seed + 1),
    binaryBytes(100_000, seed + 2),
  ]

  async function uploadParts(key: string, parts: Buffer[], algorithm?: ChecksumAlgorithm) {
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        ContentType: 'application/x-firmware',
        ChecksumAlgorithm: algorithm,
      }),
    )
    const uploaded = []
    for (const [index, body] of parts.entries()) {
      const part = await s3.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: key,
          UploadId,
          PartNumber: index + 1,
          Body: body,
          ChecksumAlgorithm: algorithm,
        }),
      )
      uploaded.push({
        PartNumber: index + 1,
        ETag: part.ETag,
        ...(algorithm === 'SHA256' ? { ChecksumSHA256: part.ChecksumSHA256 } : {}),
      })
    }
    return { uploadId: UploadId ?? '', uploaded }
  }

  it('assembles parts into one object with a multipart ETag', { timeout: 30_000 }, async () => {
    const key = 'multipart/firmware.bin'
    const parts = partsOf(10)
    const { uploadId, uploaded } = await uploadParts(key, parts)
    const listed = await s3.send(
      new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId }),
    )
    expect(listed.Parts?.map((part) => [part.PartNumber, part.Size, part.ETag])).toEqual(
      uploaded.map((part, index) => [part.PartNumber, parts[index]?.length, part.ETag]),
    )
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: uploaded },
      }),
    )
    const md5s = Buffer.concat(parts.map((part) => createHash('md5').update(part).digest()))
    expect(done.ETag).toBe(`"${createHash('md5').update(md5s).digest('hex')}-3"`)
    expect((await stored(key)).equals(Buffer.concat(parts))).toBe(true)
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' }),
    )
    expect(head).toMatchObject({
      ContentType: 'application/x-firmware',
      ContentLength: 10 * MiB + 100_000,
    })
    expect(head.ChecksumCRC64NVME).toBeDefined()
    await expect(
      s3.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId })),
    ).rejects.toBeInstanceOf(NoSuchUpload)
  })

  it(
    'gives a composite checksum for SHA256 parts and a full-object one for CRC32',
    { timeout: 30_000 },
    async () => {
      const parts = partsOf(20).slice(1)
      const composite = await uploadParts('multipart/composite', parts, 'SHA256')
      const done = await s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: 'multipart/composite',
          UploadId: composite.uploadId,
          MultipartUpload: { Parts: composite.uploaded },
        }),
      )
      const joined = Buffer.concat(parts.map((part) => createHash('sha256').update(part).digest()))
      expect(done).toMatchObject({
        ChecksumSHA256: `${base64('sha256', joined)}-2`,
        ChecksumType: 'COMPOSITE',
      })

      const { UploadId } = await s3.send(
        new CreateMultipartUploadCommand({
          Bucket: bucket,
          Key: 'multipart/full',
          ChecksumAlgorithm: 'CRC32',
          ChecksumType: 'FULL_OBJECT',
        }),
      )
      const uploaded = []
      for (const [index, body] of parts.entries()) {
        const part = await s3.send(
          new UploadPartCommand({
            Bucket: bucket,
            Key: 'multipart/full',
            UploadId,
            PartNumber: index + 1,
            Body: body,
            ChecksumAlgorithm: 'CRC32',
          }),
        )
        uploaded.push({ PartNumber: index + 1, ETag: part.ETag })
      }
      const full = await s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: 'multipart/full',
          UploadId,
          MultipartUpload: { Parts: uploaded },
        }),
      )
      expect(full).toMatchObject({
        ChecksumCRC32: crc32Base64(Buffer.concat(parts)),
        ChecksumType: 'FULL_OBJECT',
      })
    },
  )

  it(
    'refuses wrong ETags, parts out of order, small parts, and aborted uploads',
    { timeout: 30_000 },
    async () => {
      const key = 'multipart/refused'
      const parts = [binaryBytes(1000, 1), binaryBytes(5 * 1024 * 1024, 2), binaryBytes(1000, 3)]
      const { uploadId, uploaded } = await uploadParts(key, parts)
      const complete = (Parts: typeof uploaded) =>
        s3.send(
          new CompleteMultipartUploadCommand({
            Bucket: bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts },
          }),
        )
      await expect(
        complete([{ PartNumber: 2, ETag: '"0123456789abcdef0123456789abcdef"' }]),
      ).rejects.toMatchObject({
        name: 'InvalidPart',
      })
      await expect(complete([uploaded[1]!, uploaded[0]!])).rejects.toMatchObject({
        name: 'InvalidPartOrder',
      })
      await expect(complete(uploaded)).rejects.toMatchObject({ name: 'EntityTooSmall' })
      await s3.send(
        new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }),
      )
      await expect(
        s3.send(
          new UploadPartCommand({
            Bucket: bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber: 4,
            Body: 'x',
          }),
        ),
      ).rejects.toBeInstanceOf(NoSuchUpload)
    },
  )
})
