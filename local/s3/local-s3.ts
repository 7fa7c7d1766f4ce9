import { md5 } from './checksums.ts'
import { isValidBucketName } from './bucket-names.ts'
import { validateCorsRules, type CorsRule } from './cors.ts'
import { DEFAULT_CONTENT_TYPE } from './object-headers.ts'
import { checkObjectWrite, objectChecksum } from './object-writes.ts'
import { noSuchBucket, s3Error } from './s3-errors.ts'
import type { S3Storage } from './s3-storage.ts'

/**
 * The local S3 for the rest of the local cloud, without HTTP or signatures:
 * seeding creates the firmware and config buckets with CORS for the
 * dashboard and puts sample objects; the Jobs service reads `documentSource`
 * objects. Changes are durable when the returned promise resolves. Errors
 * are S3's (AwsError with NoSuchBucket, InvalidBucketName, …). Callers
 * decide permissions themselves: nothing here checks a role.
 */
export interface LocalS3 {
  hasBucket(name: string): boolean
  /** Creates the bucket unless it exists (as CreateBucket does in us-east-1). */
  createBucket(name: string): Promise<void>
  /** Replaces the bucket's CORS configuration, validated as PutBucketCors validates it. */
  putBucketCors(bucket: string, rules: readonly CorsRule[]): Promise<void>
  putObject(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    options?: {
      readonly contentType?: string
      readonly metadata?: Readonly<Record<string, string>>
    },
  ): Promise<{ readonly etag: string }>
  /**
   * The object's bytes and headers, or undefined when there is no such
   * object. Synchronous so a handler can read a job document while it runs;
   * with the file blob store this reads the file synchronously, so keep it
   * for small objects.
   */
  getObject(bucket: string, key: string): LocalS3Object | undefined
  /** The object's size in bytes without reading it, or undefined when there is no such object. */
  objectSize(bucket: string, key: string): number | undefined
}

export interface LocalS3Object {
  readonly body: Uint8Array
  readonly contentType: string
  /** Quoted, as S3 sends it. */
  readonly etag: string
  readonly lastModifiedMs: number
  readonly metadata: Readonly<Record<string, string>>
}

export function createLocalS3(storage: S3Storage, flush: () => Promise<void>): LocalS3 {
  const requireBucket = (name: string) => {
    if (storage.bucket(name) === undefined) throw noSuchBucket(name)
  }
  return {
    hasBucket: (name) => storage.bucket(name) !== undefined,
    createBucket: async (name) => {
      if (!isValidBucketName(name)) {
        throw s3Error('InvalidBucketName', 400, 'The specified bucket is not valid.', {
          BucketName: name,
        })
      }
      storage.createBucket(name)
      await flush()
    },
    putBucketCors: async (bucket, rules) => {
      requireBucket(bucket)
      validateCorsRules(rules)
      storage.setCors(bucket, rules)
      await flush()
    },
    putObject: async (bucket, key, body, options = {}) => {
      requireBucket(bucket)
      checkObjectWrite(key, new Headers())
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body
      const etag = md5(bytes).toString('hex')
      await storage.putObject(
        {
          bucket,
          key,
          etag,
          checksum: objectChecksum({ bytes, md5Hex: etag, hasContentMd5: false }),
          contentType: options.contentType ?? DEFAULT_CONTENT_TYPE,
          metadata: options.metadata ?? {},
        },
        bytes,
      )
      await flush()
      return { etag: `"${etag}"` }
    },
    objectSize: (bucket, key) => storage.object(bucket, key)?.size,
    getObject: (bucket, key) => {
      const record = storage.object(bucket, key)
      if (record === undefined) return undefined
      return {
        body: storage.readObjectSync(record),
        contentType: record.contentType,
        etag: `"${record.etag}"`,
        lastModifiedMs: record.lastModifiedMs,
        metadata: record.metadata,
      }
    },
  }
}
