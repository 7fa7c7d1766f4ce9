import { createHash } from 'node:crypto'
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { firmwareImageKey, firmwareManifestKey } from '@domain/firmware-manifest.ts'
import { ValidationError } from '@domain/validation.ts'
import { useLocalCloudFixture, uniqueName } from '../../../../local/testing/local-cloud-fixture.ts'
import { binaryBytes, s3Client } from '../../../../local/testing/s3-helpers.ts'
import { VIEWER_KEY, withViewerKey } from '../../../../local/testing/viewer-key.ts'
import { DEFAULT_UPLOAD_TUNING, type UploadTuning } from '../utils/plan-upload.ts'
import {
  FirmwareVersionConflictError,
  uploadFirmware,
  type UploadFirmwareProgress,
} from './upload-firmware.ts'
import { uploadNewObject } from './upload-new-object.ts'

/**
 * Uploads through the real SDK client, configured as the dashboard configures
 * it for the local cloud, into the firmware bucket the deployment's roles
 * name (a viewer may read it, not write it).
 */
const cloud = useLocalCloudFixture({ credentials: withViewerKey })
const BUCKET = 'fleetdeck-firmware'
const MiB = 1024 * 1024
/** Multipart from 6 MiB, with S3's smallest parts, so an 11 MiB file is three parts. */
const SMALL_TUNING: UploadTuning = {
  ...DEFAULT_UPLOAD_TUNING,
  multipartThresholdBytes: 6 * MiB,
  partSizeBytes: 5 * MiB,
  partsInFlight: 2,
  readChunkBytes: 256 * 1024,
}

const dashboardClient = (credentials?: typeof VIEWER_KEY) =>
  s3Client(cloud.endpoint, {
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(credentials === undefined ? {} : { credentials }),
  })

let s3: S3Client
let viewer: S3Client
beforeAll(async () => {
  // As the seed makes it (local/seed/demo-seed.ts).
  await cloud.running.cloud.s3.createBucket(BUCKET)
  s3 = dashboardClient()
  viewer = dashboardClient(VIEWER_KEY)
})
afterAll(() => {
  s3.destroy()
  viewer.destroy()
})

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const sha256Binary = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest()
/** S3's composite SHA-256 as AWS documents it, computed here independently of the dashboard's code. */
const compositeOf = (parts: readonly Uint8Array[]) =>
  `${createHash('sha256')
    .update(Buffer.concat(parts.map(sha256Binary)))
    .digest('base64')}-${parts.length}`
/** The parts SMALL_TUNING cuts a file into. */
const smallParts = (bytes: Buffer) =>
  Array.from({ length: Math.ceil(bytes.length / (5 * MiB)) }, (_, index) =>
    bytes.subarray(index * 5 * MiB, (index + 1) * 5 * MiB),
  )
const fileOf = (bytes: Uint8Array<ArrayBuffer>, name = 'firmware.bin') =>
  new File([bytes], name, { type: 'application/octet-stream' })

async function readObject(key: string): Promise<Buffer> {
  const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
  return Buffer.from((await out.Body?.transformToByteArray()) ?? [])
}

async function keysUnder(model: string): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${model}/` }))
  return (out.Contents ?? []).map((object) => object.Key ?? '')
}

/** Multipart uploads still open under the model: none may outlive a finished, failed or cancelled upload. */
async function openUploads(model: string): Promise<number> {
  const out = await s3
    .send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: `${model}/` }))
    .catch((error: unknown) => {
      if (error instanceof Error && error.name === 'NotImplemented') return undefined
      throw error
    })
  if (out !== undefined) return out.Uploads?.length ?? 0
  // The local S3 does not model ListMultipartUploads (docs/local-cloud.md): ask its store.
  return [...cloud.running.cloud.store.values('s3Uploads')].filter(
    (upload) => upload.bucket === BUCKET && upload.key.startsWith(`${model}/`),
  ).length
}

describe('uploadFirmware', () => {
  it('publishes a small image with one PutObject and a manifest of its sha256', async () => {
    const model = uniqueName('lamp')
    const bytes = binaryBytes(300_000, 1)
    const phases: string[] = []
    let last: UploadFirmwareProgress | undefined
    const manifest = await uploadFirmware(
      s3,
      BUCKET,
      {
        model,
        version: '1.0.0',
        notes: 'First <b>release</b>.',
        file: fileOf(bytes),
        uploadedBy: 'ops@example.com',
      },
      {
        tuning: SMALL_TUNING,
        now: () => new Date('2026-02-03T04:05:06.000Z'),
        onProgress: (progress) => {
          if (phases.at(-1) !== progress.phase) phases.push(progress.phase)
          last = progress
        },
      },
    )
    expect(manifest).toEqual({
      schemaVersion: 1,
      model,
      version: '1.0.0',
      size: bytes.length,
      sha256: sha256Hex(bytes),
      notes: 'First <b>release</b>.',
      uploadedAt: '2026-02-03T04:05:06.000Z',
      uploadedBy: 'ops@example.com',
    })
    expect(phases).toEqual(['checking', 'uploading', 'publishing'])
    expect(last).toMatchObject({ bytesHashed: bytes.length, bytesUploaded: bytes.length })
    expect((await readObject(firmwareImageKey(model, '1.0.0'))).equals(bytes)).toBe(true)
    expect(JSON.parse((await readObject(firmwareManifestKey(model, '1.0.0'))).toString())).toEqual(
      manifest,
    )
    // S3 checked the bytes against the browser's digest and keeps it.
    const head = await s3.send(
      new HeadObjectCommand({
        Bucket: BUCKET,
        Key: firmwareImageKey(model, '1.0.0'),
        ChecksumMode: 'ENABLED',
      }),
    )
    expect(Buffer.from(head.ChecksumSHA256 ?? '', 'base64').toString('hex')).toBe(sha256Hex(bytes))
    expect(head.Metadata).toEqual({ model, version: '1.0.0' })
  })

  it(
    'publishes a large image in parts, hashing it in the same pass',
    { timeout: 60_000 },
    async () => {
      const model = uniqueName('thermostat')
      const bytes = binaryBytes(11 * MiB + 12_345, 7)
      const uploadedSteps: number[] = []
      const manifest = await uploadFirmware(
        s3,
        BUCKET,
        { model, version: '2.0.0-rc.1', notes: '', file: fileOf(bytes) },
        {
          tuning: SMALL_TUNING,
          onProgress: ({ bytesUploaded }) => {
            if (uploadedSteps.at(-1) !== bytesUploaded) uploadedSteps.push(bytesUploaded)
          },
        },
      )
      expect(manifest.sha256).toBe(sha256Hex(bytes))
      expect(manifest.size).toBe(bytes.length)
      expect('uploadedBy' in manifest).toBe(false)
      const image = await readObject(firmwareImageKey(model, '2.0.0-rc.1'))
      expect(image.equals(bytes)).toBe(true)
      // S3 checked each part against its SHA-256 and keeps their composite.
      const head = await s3.send(
        new HeadObjectCommand({
          Bucket: BUCKET,
          Key: firmwareImageKey(model, '2.0.0-rc.1'),
          ChecksumMode: 'ENABLED',
        }),
      )
      expect(head.ETag).toMatch(/-3"$/)
      expect(head).toMatchObject({
        ChecksumSHA256: compositeOf(smallParts(bytes)),
        ChecksumType: 'COMPOSITE',
      })
      // Progress moved part by part (5 MiB, 5 MiB, the rest, in whatever order they finished).
      expect(uploadedSteps.at(-1)).toBe(bytes.length)
      expect(uploadedSteps.length).toBeGreaterThanOrEqual(3)
      expect(await openUploads(model)).toBe(0)
    },
  )

  it('refuses a published version before sending a byte', async () => {
    const model = uniqueName('lock')
    const first = binaryBytes(1000, 1)
    await uploadFirmware(s3, BUCKET, { model, version: '3.0.0', notes: '', file: fileOf(first) })
    let hashed = 0
    const again = uploadFirmware(
      s3,
      BUCKET,
      { model, version: '3.0.0', notes: '', file: fileOf(binaryBytes(2000, 2)) },
      { onProgress: (progress) => (hashed = progress.bytesHashed) },
    )
    await expect(again).rejects.toBeInstanceOf(FirmwareVersionConflictError)
    await expect(again).rejects.toThrow(`Version 3.0.0 of model ${model} already exists.`)
    expect(hashed).toBe(0)
    expect((await readObject(firmwareImageKey(model, '3.0.0'))).equals(first)).toBe(true)
  })

  it(
    'lets exactly one of two simultaneous uploads of a version win',
    { timeout: 60_000 },
    async () => {
      for (const [label, size] of [
        ['single', 400_000],
        ['multipart', 7 * MiB],
      ] as const) {
        const model = uniqueName(`race-${label}`)
        const files = [binaryBytes(size, 3), binaryBytes(size, 4)]
        const hashed = [0, 0]
        const results = await Promise.allSettled(
          files.map((bytes, index) =>
            uploadFirmware(
              s3,
              BUCKET,
              { model, version: '1.0.0', notes: '', file: fileOf(bytes) },
              {
                tuning: SMALL_TUNING,
                onProgress: (progress) => (hashed[index] = progress.bytesHashed),
              },
            ),
          ),
        )
        // Both got past the early check: the conditional writes decided.
        expect(hashed, label).toEqual([size, size])
        const won = results.flatMap((result, index) =>
          result.status === 'fulfilled' ? [index] : [],
        )
        expect(won, label).toHaveLength(1)
        const loser = results.find((result) => result.status === 'rejected')
        expect(loser?.reason).toBeInstanceOf(FirmwareVersionConflictError)
        // The published manifest describes the bytes that are stored.
        const winner = files[won[0] ?? -1] ?? Buffer.alloc(0)
        const manifest = JSON.parse(
          (await readObject(firmwareManifestKey(model, '1.0.0'))).toString(),
        ) as { sha256: string }
        expect(manifest.sha256).toBe(sha256Hex(winner))
        expect((await readObject(firmwareImageKey(model, '1.0.0'))).equals(winner)).toBe(true)
        expect(await openUploads(model)).toBe(0)
      }
    },
  )

  it('publishes an image an earlier upload of the same file left unpublished', async () => {
    const model = uniqueName('resume')
    const bytes = binaryBytes(5000, 9)
    // As if the tab closed between the image and the manifest.
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: firmwareImageKey(model, '1.0.0'),
        Body: bytes,
        ChecksumSHA256: createHash('sha256').update(bytes).digest('base64'),
      }),
    )
    const manifest = await uploadFirmware(s3, BUCKET, {
      model,
      version: '1.0.0',
      notes: '',
      file: fileOf(bytes),
    })
    expect(manifest.sha256).toBe(sha256Hex(bytes))
    // Another file under that name is not adopted.
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: firmwareImageKey(model, '1.1.0'),
        Body: binaryBytes(5000, 10),
      }),
    )
    const other = uploadFirmware(s3, BUCKET, {
      model,
      version: '1.1.0',
      notes: '',
      file: fileOf(bytes),
    })
    await expect(other).rejects.toMatchObject({ reason: 'unpublished-image' })
    expect(await keysUnder(model)).not.toContain(firmwareManifestKey(model, '1.1.0'))
  })

  it(
    'publishes a multipart image an earlier upload of the same file left unpublished, without sending it again',
    { timeout: 60_000 },
    async () => {
      const model = uniqueName('resume-parts')
      const bytes = binaryBytes(7 * MiB, 11)
      // As if the tab closed after CompleteMultipartUpload, before the manifest.
      const left = await uploadNewObject(
        s3,
        {
          bucket: BUCKET,
          key: firmwareImageKey(model, '1.0.0'),
          body: fileOf(bytes),
          contentType: 'application/octet-stream',
        },
        { tuning: SMALL_TUNING },
      )
      expect(left).toMatchObject({
        outcome: 'created',
        checksumSHA256: compositeOf(smallParts(bytes)),
      })
      let uploaded = 0
      const manifest = await uploadFirmware(
        s3,
        BUCKET,
        { model, version: '1.0.0', notes: 'resumed', file: fileOf(bytes) },
        { tuning: SMALL_TUNING, onProgress: (progress) => (uploaded = progress.bytesUploaded) },
      )
      expect(manifest).toMatchObject({ sha256: sha256Hex(bytes), size: bytes.length })
      expect(uploaded).toBe(0)
      expect(await openUploads(model)).toBe(0)

      // Another file of the same size is not adopted, nor are the same bytes cut into other parts.
      const leave = (version: string, body: Buffer<ArrayBuffer>, tuning: UploadTuning) =>
        uploadNewObject(
          s3,
          {
            bucket: BUCKET,
            key: firmwareImageKey(model, version),
            body: fileOf(body),
            contentType: 'application/octet-stream',
          },
          { tuning },
        )
      await leave('1.1.0', binaryBytes(7 * MiB, 12), SMALL_TUNING)
      await leave('1.2.0', bytes, { ...SMALL_TUNING, partSizeBytes: 6 * MiB })
      for (const version of ['1.1.0', '1.2.0']) {
        const attempt = uploadFirmware(
          s3,
          BUCKET,
          { model, version, notes: '', file: fileOf(bytes) },
          { tuning: SMALL_TUNING },
        )
        await expect(attempt, version).rejects.toMatchObject({ reason: 'unpublished-image' })
      }
      expect(await keysUnder(model)).not.toContain(firmwareManifestKey(model, '1.1.0'))
      expect(await keysUnder(model)).not.toContain(firmwareManifestKey(model, '1.2.0'))
    },
  )

  it(
    'refuses a part corrupted on the way, and leaves nothing behind',
    { timeout: 60_000 },
    async () => {
      const model = uniqueName('corrupt')
      const corrupting = dashboardClient()
      // One byte of the second part changes after its SHA-256 was computed, before it is signed and sent.
      corrupting.middlewareStack.add(
        (next, context) => (args) => {
          const request = args.request as { body?: unknown }
          const { PartNumber } = args.input as { PartNumber?: number }
          if (
            context.commandName === 'UploadPartCommand' &&
            PartNumber === 2 &&
            request.body instanceof Uint8Array
          ) {
            const body = Uint8Array.from(request.body)
            body[0] = (body[0] ?? 0) ^ 0xff
            request.body = body
          }
          return next(args)
        },
        { step: 'build', priority: 'low' },
      )
      try {
        const attempt = uploadFirmware(
          corrupting,
          BUCKET,
          { model, version: '1.0.0', notes: '', file: fileOf(binaryBytes(11 * MiB, 13)) },
          { tuning: SMALL_TUNING },
        )
        await expect(attempt).rejects.toMatchObject({ name: 'BadDigest' })
        expect(await keysUnder(model)).toEqual([])
        expect(await openUploads(model)).toBe(0)
      } finally {
        corrupting.destroy()
      }
    },
  )

  it('refuses invalid input before any call, leaving nothing behind', async () => {
    const model = uniqueName('invalid')
    const cases = [
      { model: 'lamp/v2', version: '1.0.0', notes: '', file: fileOf(binaryBytes(10)) },
      { model, version: 'v1.0.0', notes: '', file: fileOf(binaryBytes(10)) },
      { model, version: '1.0.0+build.7', notes: '', file: fileOf(binaryBytes(10)) },
      { model, version: '1.0.0', notes: 'x'.repeat(2001), file: fileOf(binaryBytes(10)) },
      { model, version: '1.0.0', notes: '', file: fileOf(new Uint8Array(0)) },
    ]
    for (const input of cases) {
      const attempt = uploadFirmware(s3, BUCKET, input)
      await expect(attempt).rejects.toBeInstanceOf(ValidationError)
    }
    await expect(uploadFirmware(s3, BUCKET, cases[1] ?? cases[0]!)).rejects.toMatchObject({
      issues: [{ path: 'version', message: expect.stringContaining('leading "v"') }],
    })
    expect(await keysUnder(model)).toEqual([])
    expect(await keysUnder('lamp')).toEqual([])
  })

  it('stops on cancel and abandons the multipart upload', { timeout: 60_000 }, async () => {
    const model = uniqueName('cancel')
    const controller = new AbortController()
    const attempt = uploadFirmware(
      s3,
      BUCKET,
      { model, version: '1.0.0', notes: '', file: fileOf(binaryBytes(11 * MiB, 5)) },
      {
        tuning: SMALL_TUNING,
        signal: controller.signal,
        onProgress: ({ bytesHashed }) => {
          if (bytesHashed >= 6 * MiB) controller.abort()
        },
      },
    )
    await expect(attempt).rejects.toMatchObject({ name: 'AbortError' })
    expect(await keysUnder(model)).toEqual([])
    expect(await openUploads(model)).toBe(0)
  })

  it(
    'abandons the upload a cancel caught while CreateMultipartUpload was in flight',
    { timeout: 60_000 },
    async () => {
      const model = uniqueName('cancel-create')
      const controller = new AbortController()
      const cancelling = dashboardClient()
      // The cancel lands after S3 made the upload and before its answer arrived, when a request
      // handler given the signal rejects (and the UploadId is lost to the caller).
      const network = cancelling.config.requestHandler as {
        handle: (
          request: { method: string; query: Record<string, unknown> },
          options?: { abortSignal?: AbortSignal },
        ) => Promise<unknown>
      }
      const send = network.handle.bind(network)
      network.handle = async (request, options) => {
        const isCreate = request.method === 'POST' && request.query['uploads'] !== undefined
        if (!isCreate) return send(request, options)
        const answer = await send(request, {})
        controller.abort()
        options?.abortSignal?.throwIfAborted()
        return answer
      }
      try {
        const attempt = uploadFirmware(
          cancelling,
          BUCKET,
          { model, version: '1.0.0', notes: '', file: fileOf(binaryBytes(7 * MiB, 6)) },
          { tuning: SMALL_TUNING, signal: controller.signal },
        )
        await expect(attempt).rejects.toMatchObject({ name: 'AbortError' })
        expect(await keysUnder(model)).toEqual([])
        expect(await openUploads(model)).toBe(0)
      } finally {
        cancelling.destroy()
      }
    },
  )

  it('is refused for a viewer, and nothing is left behind', { timeout: 60_000 }, async () => {
    const model = uniqueName('viewer')
    for (const size of [1000, 7 * MiB]) {
      const attempt = uploadFirmware(
        viewer,
        BUCKET,
        { model, version: '1.0.0', notes: '', file: fileOf(binaryBytes(size)) },
        { tuning: SMALL_TUNING },
      )
      await expect(attempt).rejects.toMatchObject({ name: 'AccessDenied' })
    }
    expect(await keysUnder(model)).toEqual([])
    expect(await openUploads(model)).toBe(0)
  })
})
