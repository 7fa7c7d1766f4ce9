import { checksumBase64, checksumHeader } from './checksums.ts'
import type { StoredChecksum } from './records.ts'
import type { ReceivedPayload } from './request-payload.ts'
import { s3Error, s3NotImplemented } from './s3-errors.ts'

/**
 * Checks every object write shares (PutObject, CopyObject,
 * CreateMultipartUpload): key length, ACLs (new buckets have ACLs disabled,
 * so only the canned ACLs that change nothing are accepted, as S3 does with
 * Object Ownership "bucket owner enforced"), and the features the local S3
 * does not model, refused rather than silently ignored.
 */
export const MAX_KEY_BYTES = 1024

const UNSUPPORTED_HEADERS: readonly (readonly [string, string])[] = [
  ['x-amz-tagging', 'object tagging'],
  ['x-amz-object-lock-mode', 'Object Lock'],
  ['x-amz-object-lock-retain-until-date', 'Object Lock'],
  ['x-amz-object-lock-legal-hold', 'Object Lock'],
  ['x-amz-server-side-encryption-customer-algorithm', 'SSE-C'],
  ['x-amz-website-redirect-location', 'website redirects'],
]

export function checkObjectWrite(key: string, headers: Headers): void {
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw s3Error('KeyTooLongError', 400, 'Your key is too long', {
      Size: Buffer.byteLength(key),
      MaxSizeAllowed: MAX_KEY_BYTES,
    })
  }
  if (key === '') throw s3Error('InvalidArgument', 400, 'Object keys must not be empty.')
  const acl = headers.get('x-amz-acl')
  if (acl !== null && acl !== 'private' && acl !== 'bucket-owner-full-control') {
    throw s3Error('AccessControlListNotSupported', 400, 'The bucket does not allow ACLs')
  }
  for (const [header, feature] of UNSUPPORTED_HEADERS) {
    if (headers.has(header)) throw s3NotImplemented(`${feature} (${header})`)
  }
  const encryption = headers.get('x-amz-server-side-encryption')
  if (encryption !== null && encryption !== 'AES256') {
    throw s3NotImplemented(`server-side encryption ${encryption}`)
  }
}

/**
 * The checksum an object keeps: the one the client sent, or CRC64NVME, which
 * S3 has computed for objects uploaded without a checksum since December 2024.
 */
export function objectChecksum(payload: ReceivedPayload): StoredChecksum {
  return payload.checksum === undefined
    ? {
        algorithm: 'CRC64NVME',
        value: checksumBase64('CRC64NVME', payload.bytes),
        type: 'FULL_OBJECT',
      }
    : { ...payload.checksum, type: 'FULL_OBJECT' }
}

/** The checksum headers S3 echoes after a write: the one the client sent. */
export function echoedChecksumHeaders(payload: ReceivedPayload): Record<string, string> {
  return payload.checksum === undefined
    ? {}
    : {
        [checksumHeader(payload.checksum.algorithm)]: payload.checksum.value,
        'x-amz-checksum-type': 'FULL_OBJECT',
      }
}
