import { createHash } from 'node:crypto'
import { CreateThingTypeCommand } from '@aws-sdk/client-iot'
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { firmwareImageKey, firmwareManifestKey } from '@domain/firmware-manifest.ts'
import { useLocalCloudFixture, uniqueName } from '../../../../local/testing/local-cloud-fixture.ts'
import { binaryBytes, s3Client } from '../../../../local/testing/s3-helpers.ts'
import { VIEWER_KEY, withViewerKey } from '../../../../local/testing/viewer-key.ts'
import { listFirmware } from './list-firmware.ts'
import { listFirmwareModels } from './list-firmware-models.ts'
import { listThingTypes } from './list-thing-types.ts'
import { uploadFirmware } from './upload-firmware.ts'

const cloud = useLocalCloudFixture({ credentials: withViewerKey })
const BUCKET = 'fleetdeck-firmware'

const dashboardClient = (credentials?: typeof VIEWER_KEY) =>
  s3Client(cloud.endpoint, {
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(credentials === undefined ? {} : { credentials }),
  })

let s3: S3Client
let viewer: S3Client
const lamp = uniqueName('lamp')
const lock = uniqueName('lock')
const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const put = (Key: string, Body: string | Uint8Array) =>
  s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }))

beforeAll(async () => {
  await cloud.running.cloud.s3.createBucket(BUCKET)
  s3 = dashboardClient()
  viewer = dashboardClient(VIEWER_KEY)
  const upload = (model: string, version: string, seed: number) =>
    uploadFirmware(s3, BUCKET, {
      model,
      version,
      notes: `${model} ${version}`,
      file: new File([binaryBytes(1000 + seed, seed)], 'image.bin'),
    })
  for (const [version, seed] of [
    ['1.9.0', 1],
    ['1.10.0', 2],
    ['2.0.0-rc.1', 3],
  ] as const)
    await upload(lamp, version, seed)
  await upload(lock, '3.0.0', 4)
  // What the catalog must survive: an image without a manifest (not published),
  // a manifest that is not one, one filed under the wrong version, and strays.
  await put(firmwareImageKey(lamp, '3.0.0'), binaryBytes(10))
  await put(firmwareManifestKey(lamp, '0.1.0'), 'not json')
  const misfiled = await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: firmwareManifestKey(lamp, '0.2.0'),
      Body: JSON.stringify({
        schemaVersion: 1,
        model: lamp,
        version: '9.9.9',
        size: 1,
        sha256: '0'.repeat(64),
        notes: '',
        uploadedAt: '2026-01-01T00:00:00Z',
      }),
    }),
  )
  expect(misfiled.ETag).toBeDefined()
  await put(`${lamp}/README.txt`, 'stray')
  await put(`${lamp}/1.0.0/extra/firmware.json`, '{}')
})
afterAll(() => {
  s3.destroy()
  viewer.destroy()
})

describe('listFirmware', () => {
  it('lists every model’s releases, newest first, with broken manifests flagged', async () => {
    const entries = await listFirmware(s3, { bucket: BUCKET })
    expect(entries.map((entry) => [entry.model, entry.version, entry.kind])).toEqual([
      [lamp, '2.0.0-rc.1', 'release'],
      [lamp, '1.10.0', 'release'],
      [lamp, '1.9.0', 'release'],
      [lamp, '0.2.0', 'broken'],
      [lamp, '0.1.0', 'broken'],
      [lock, '3.0.0', 'release'],
    ])
    const newest = entries[0]
    expect(newest?.kind === 'release' && newest.manifest).toMatchObject({
      sha256: sha256Hex(binaryBytes(1003, 3)),
      size: 1003,
      notes: `${lamp} 2.0.0-rc.1`,
    })
    expect(entries.find((entry) => entry.version === '0.1.0')).toMatchObject({
      problem: 'The manifest is not JSON.',
    })
    expect(entries.find((entry) => entry.version === '0.2.0')).toMatchObject({
      problem: expect.stringContaining('describes'),
    })
  })

  it('lists one model under its prefix', async () => {
    const entries = await listFirmware(s3, { bucket: BUCKET, model: lock })
    expect(entries.map((entry) => entry.version)).toEqual(['3.0.0'])
  })

  it(
    'pages through more keys than one ListObjectsV2 answer holds',
    { timeout: 60_000 },
    async () => {
      const model = uniqueName('many')
      // 1,000 images without manifests fill the first page (S3 answers at most 1,000 keys);
      // the releases sort after them, on the second.
      await Promise.all(
        Array.from({ length: 1000 }, (_, index) =>
          cloud.running.cloud.s3.putObject(BUCKET, firmwareImageKey(model, `0.0.${index}`), 'x'),
        ),
      )
      for (const version of ['9.0.0', '9.1.0'])
        await uploadFirmware(s3, BUCKET, {
          model,
          version,
          notes: '',
          file: new File([binaryBytes(10)], 'image.bin'),
        })
      const entries = await listFirmware(s3, { bucket: BUCKET, model })
      expect(entries.map((entry) => entry.version)).toEqual(['9.1.0', '9.0.0'])
    },
  )

  it('passes the query’s abort signal to the paginated calls', async () => {
    const cancelled = AbortSignal.abort()
    await expect(listFirmware(s3, { bucket: BUCKET }, cancelled)).rejects.toMatchObject({
      name: 'AbortError',
    })
    await expect(listFirmwareModels(s3, BUCKET, cancelled)).rejects.toMatchObject({
      name: 'AbortError',
    })
    await expect(listThingTypes(cloud.iot, cancelled)).rejects.toMatchObject({
      name: 'AbortError',
    })
  })

  it('is allowed for a viewer', async () => {
    const entries = await listFirmware(viewer, { bucket: BUCKET, model: lock })
    expect(entries).toHaveLength(1)
  })
})

describe('models', () => {
  it('come from the catalog’s prefixes and from the thing types', async () => {
    const models = await listFirmwareModels(viewer, BUCKET)
    expect(models).toEqual(expect.arrayContaining([lamp, lock]))
    const sensor = uniqueName('sensor')
    await cloud.iot.send(new CreateThingTypeCommand({ thingTypeName: sensor }))
    expect(await listThingTypes(cloud.iot)).toContain(sensor)
  })
})
