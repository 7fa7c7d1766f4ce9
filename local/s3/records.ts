import type { ChecksumAlgorithm, ChecksumType } from './checksums.ts'
import type { CorsRule } from './cors.ts'

/**
 * What the local S3 stores as records. Object bytes live in a BlobStore,
 * addressed by their SHA-256; records name them by `blobId`. Times are
 * emulated epoch milliseconds, whole seconds as S3 reports them.
 */
export interface S3BucketRecord {
  readonly name: string
  readonly createdAtMs: number
  readonly cors?: readonly CorsRule[]
}

/** A checksum as S3 keeps it beside an object or part: base64, with `-N` for a composite one. */
export interface StoredChecksum {
  readonly algorithm: ChecksumAlgorithm
  readonly value: string
  readonly type: ChecksumType
}

/** The representation headers S3 stores with an object and returns on GET and HEAD. */
export interface ObjectAttributes {
  readonly contentType: string
  readonly contentEncoding?: string
  readonly contentDisposition?: string
  readonly contentLanguage?: string
  readonly cacheControl?: string
  readonly expires?: string
  /** `x-amz-meta-*` without the prefix, names lower-cased. */
  readonly metadata: Readonly<Record<string, string>>
}

export interface S3ObjectRecord extends ObjectAttributes {
  readonly bucket: string
  readonly key: string
  readonly blobId: string
  readonly size: number
  /** Without quotes: the MD5 hex, or `<md5 of part md5s>-<parts>` for a multipart upload. */
  readonly etag: string
  readonly lastModifiedMs: number
  readonly checksum: StoredChecksum
  readonly partsCount?: number
}

export interface S3UploadRecord extends ObjectAttributes {
  readonly uploadId: string
  readonly bucket: string
  readonly key: string
  readonly initiatedAtMs: number
  /** From CreateMultipartUpload's x-amz-checksum-algorithm and x-amz-checksum-type. */
  readonly checksumAlgorithm?: ChecksumAlgorithm
  readonly checksumType?: ChecksumType
}

export interface S3PartRecord {
  readonly uploadId: string
  readonly partNumber: number
  readonly blobId: string
  readonly size: number
  readonly etag: string
  readonly lastModifiedMs: number
  /** The part's checksum in the upload's algorithm (or the one the part was sent with). */
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string }
}

export interface S3Schema {
  s3Buckets: S3BucketRecord
  /** Keyed by `objectKey(bucket, key)`. */
  s3Objects: S3ObjectRecord
  s3Uploads: S3UploadRecord
  /** Keyed by `partKey(uploadId, partNumber)`. */
  s3Parts: S3PartRecord
}

// Bucket names cannot contain "/", so the first one separates bucket from key.
export const objectKey = (bucket: string, key: string) => `${bucket}/${key}`
export const partKey = (uploadId: string, partNumber: number) => `${uploadId}/${partNumber}`
