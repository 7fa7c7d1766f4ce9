import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LocalCloudSchema } from '../state/records.ts'
import { MemoryStore } from '../store/store.ts'
import { eventually } from '../testing/eventually.ts'
import type { BlobStore } from './blob-store.ts'
import { sha256Hex } from '../edge/sigv4-crypto.ts'
import { openFileBlobStore } from './file-blob-store.ts'
import { S3Storage, type ObjectInput } from './s3-storage.ts'

let dataDir: string
let blobs: BlobStore
const store = () => new MemoryStore<LocalCloudSchema>()
const bytes = (text: string) => new TextEncoder().encode(text)
const input = (key: string): ObjectInput => ({
  bucket: 'b',
  key,
  etag: 'e',
  checksum: { algorithm: 'CRC32', value: 'AAAAAA==', type: 'FULL_OBJECT' },
  contentType: 'text/plain',
  metadata: {},
})

async function blobFiles(): Promise<string[]> {
  const root = join(dataDir, 'blobs')
  const directories = (await readdir(root)).filter((name) => name !== 'tmp')
  const files = await Promise.all(directories.map((name) => readdir(join(root, name))))
  return files.flat().sort()
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fleetdeck-s3-storage-'))
  blobs = await openFileBlobStore(dataDir)
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('S3 storage blobs', () => {
  it('writes one content-addressed file per distinct content', async () => {
    const storage = new S3Storage(store(), blobs, () => 0)
    storage.createBucket('b')
    await storage.putObject(input('one'), bytes('same'))
    await storage.putObject(input('two'), bytes('same'))
    expect(await blobFiles()).toEqual([sha256Hex('same')])
    expect(await storage.readObject(storage.object('b', 'one')!)).toEqual(bytes('same'))
  })

  it('deletes a blob once no object or part names it', async () => {
    const storage = new S3Storage(store(), blobs, () => 0)
    storage.createBucket('b')
    const original = await storage.putObject(input('source'), bytes('v1'))
    storage.copyObject(input('copy'), original)
    await storage.putObject(input('source'), bytes('v2'))
    // The copy still names v1.
    expect(await blobFiles()).toEqual([sha256Hex('v1'), sha256Hex('v2')].sort())
    storage.deleteObject('b', 'copy')
    await eventually(async () => expect(await blobFiles()).toEqual([sha256Hex('v2')]))
  })

  it('drops the parts of an aborted upload', async () => {
    const storage = new S3Storage(store(), blobs, () => 0)
    storage.createBucket('b')
    const upload = storage.createUpload({ bucket: 'b', key: 'k', contentType: 'x', metadata: {} })
    await storage.putPart({ uploadId: upload.uploadId, partNumber: 1, etag: 'e' }, bytes('part'))
    expect(await blobFiles()).toEqual([sha256Hex('part')])
    storage.abortUpload(upload.uploadId)
    await eventually(async () => expect(await blobFiles()).toEqual([]))
  })

  it('sweeps blobs a crash left without a record at start', async () => {
    const records = store()
    const first = new S3Storage(records, blobs, () => 0)
    first.createBucket('b')
    await first.putObject(input('kept'), bytes('kept'))
    const orphan = sha256Hex('orphan')
    await mkdir(join(dataDir, 'blobs', orphan.slice(0, 2)), { recursive: true })
    await writeFile(join(dataDir, 'blobs', orphan.slice(0, 2), orphan), 'orphan')
    const restarted = new S3Storage(records, await openFileBlobStore(dataDir), () => 0)
    await restarted.swept
    expect(await blobFiles()).toEqual([sha256Hex('kept')])
  })

  it('reads ranges from a file blob', async () => {
    const storage = new S3Storage(store(), blobs, () => 0)
    storage.createBucket('b')
    const record = await storage.putObject(input('r'), bytes('0123456789'))
    expect(new TextDecoder().decode(await storage.readObject(record, { start: 2, end: 4 }))).toBe(
      '234',
    )
    expect(new TextDecoder().decode(storage.readObjectSync(record))).toBe('0123456789')
  })
})
