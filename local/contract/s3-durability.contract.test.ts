import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3'
import { afterAll, describe, expect, it } from 'vitest'
import { eventually } from '../testing/eventually.ts'
import {
  freePort,
  kill,
  spawnLocalCloud,
  type LocalCloudProcess,
} from '../testing/local-cloud-process.ts'
import { binaryBytes, s3Client } from '../testing/s3-helpers.ts'

const running: LocalCloudProcess[] = []
const dirs: string[] = []

afterAll(async () => {
  for (const process of running) await kill(process)
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

async function blobFiles(dataDir: string): Promise<string[]> {
  const root = join(dataDir, 'blobs')
  const directories = (await readdir(root)).filter((name) => name !== 'tmp')
  return (await Promise.all(directories.map((name) => readdir(join(root, name))))).flat()
}

describe('durable S3 objects', () => {
  it(
    'keeps every acknowledged upload whole across SIGKILL, and sweeps what a crash left behind',
    { timeout: 60_000 },
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'fleetdeck-s3-durability-'))
      dirs.push(dataDir)
      const port = await freePort()
      const first = await spawnLocalCloud({ port, dataDir, clockSpeed: 1 })
      running.push(first)
      const s3 = s3Client(first.endpoint)
      await s3.send(new CreateBucketCommand({ Bucket: 'durable' }))

      // Writers keep uploading 256 KiB objects until the process dies under them.
      const acknowledged = new Map<string, Buffer>()
      let stop = false
      const writer = async (id: number) => {
        for (let round = 0; !stop; round++) {
          const key = `w${id}/${round}`
          const body = binaryBytes(256 * 1024, id * 1000 + round)
          try {
            await s3.send(new PutObjectCommand({ Bucket: 'durable', Key: key, Body: body }))
            acknowledged.set(key, body)
          } catch {
            return
          }
        }
      }
      const writers = Promise.all([1, 2, 3, 4].map(writer))
      await eventually(() => expect(acknowledged.size).toBeGreaterThan(20), { timeoutMs: 20_000 })
      await kill(first)
      stop = true
      await writers
      s3.destroy()

      const second = await spawnLocalCloud({ port, dataDir, clockSpeed: 1 })
      running.push(second)
      const again = s3Client(second.endpoint)
      try {
        for (const [key, body] of acknowledged) {
          const output = await again.send(new GetObjectCommand({ Bucket: 'durable', Key: key }))
          const stored = Buffer.from((await output.Body?.transformToByteArray()) ?? [])
          expect(stored.equals(body), key).toBe(true)
        }
        // Every blob left is one an object names (each object here has its own bytes).
        const listed = await again.send(new ListObjectsV2Command({ Bucket: 'durable' }))
        await eventually(async () =>
          expect((await blobFiles(dataDir)).length).toBe(listed.KeyCount),
        )
      } finally {
        again.destroy()
      }
    },
  )
})
