import { describe, expect, it } from 'vitest'
import type { LocalCloudSchema } from '../state/records.ts'
import { MemoryStore } from '../store/store.ts'
import { createMemoryBlobStore } from './blob-store.ts'
import { createLocalS3 } from './local-s3.ts'
import { S3Storage } from './s3-storage.ts'

function localS3() {
  const store = new MemoryStore<LocalCloudSchema>()
  return createLocalS3(
    new S3Storage(store, createMemoryBlobStore(), () => Date.UTC(2026, 0, 1)),
    () => store.flush(),
  )
}

describe('LocalCloud.s3', () => {
  it('creates buckets idempotently and puts and reads objects without the wire', async () => {
    const s3 = localS3()
    expect(s3.hasBucket('fleetdeck-config')).toBe(false)
    await s3.createBucket('fleetdeck-config')
    await s3.createBucket('fleetdeck-config')
    expect(s3.hasBucket('fleetdeck-config')).toBe(true)
    const { etag } = await s3.putObject(
      'fleetdeck-config',
      'jobs/doc.json',
      '{"operation":"update"}',
      {
        contentType: 'application/json',
        metadata: { version: '1' },
      },
    )
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/)
    const object = s3.getObject('fleetdeck-config', 'jobs/doc.json')
    expect(object).toMatchObject({
      contentType: 'application/json',
      etag,
      lastModifiedMs: Date.UTC(2026, 0, 1),
      metadata: { version: '1' },
    })
    expect(new TextDecoder().decode(object?.body)).toBe('{"operation":"update"}')
    expect(s3.getObject('fleetdeck-config', 'missing')).toBeUndefined()
  })

  it('refuses what S3 refuses', async () => {
    const s3 = localS3()
    await expect(s3.createBucket('Bad_Name')).rejects.toMatchObject({ type: 'InvalidBucketName' })
    await expect(s3.putObject('missing', 'k', 'x')).rejects.toMatchObject({ type: 'NoSuchBucket' })
    await s3.createBucket('b-ok')
    await expect(
      s3.putBucketCors('b-ok', [
        {
          allowedOrigins: ['*'],
          allowedMethods: ['PATCH' as 'GET'],
          allowedHeaders: [],
          exposeHeaders: [],
        },
      ]),
    ).rejects.toMatchObject({ type: 'InvalidRequest' })
  })
})
