import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes } from '@noble/hashes/utils.js'

/**
 * S3's SHA-256 checksums as it sends and keeps them (x-amz-checksum-sha256):
 * base64 of the binary digest, and for a multipart object the composite
 * "checksum of checksums" with the number of parts after a dash.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 *
 * This one is the plain form, for one PutObject or one part.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * What S3 reports for an object uploaded in parts with ChecksumAlgorithm
 * SHA256: SHA-256 over the parts' binary digests, concatenated in part order,
 * then `-<number of parts>`. It depends on where the parts were cut, so the
 * same file gives the same value only under the same part plan.
 */
export function compositeSha256Checksum(partDigests: readonly Uint8Array[]): string {
  if (partDigests.length === 0) throw new RangeError('A multipart object has at least one part.')
  return `${bytesToBase64(sha256(concatBytes(...partDigests)))}-${partDigests.length}`
}
