import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { crc32c, crc64nvme } from './crc.ts'

/**
 * S3's additional checksums. A client sends one in `x-amz-checksum-<algorithm>`
 * (as a header, an aws-chunked trailer, or hoisted into a pre-signed URL's
 * query); S3 computes it over the bytes it received and refuses the upload
 * with BadDigest when they differ. Values are base64 of the big-endian digest.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number]

/** FULL_OBJECT: over the whole object; COMPOSITE: over the parts' checksums, with a `-N` suffix. */
export type ChecksumType = 'FULL_OBJECT' | 'COMPOSITE'

const DIGEST_BYTES: Readonly<Record<ChecksumAlgorithm, number>> = {
  CRC32: 4,
  CRC32C: 4,
  CRC64NVME: 8,
  SHA1: 20,
  SHA256: 32,
}

function uint32(value: number): Uint8Array {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, value >>> 0)
  return out
}

export function checksumDigest(algorithm: ChecksumAlgorithm, bytes: Uint8Array): Uint8Array {
  switch (algorithm) {
    case 'CRC32':
      return uint32(crc32(bytes))
    case 'CRC32C':
      return uint32(crc32c(bytes))
    case 'CRC64NVME':
      return crc64nvme(bytes)
    case 'SHA1':
      return createHash('sha1').update(bytes).digest()
    case 'SHA256':
      return createHash('sha256').update(bytes).digest()
  }
}

export function checksumBase64(algorithm: ChecksumAlgorithm, bytes: Uint8Array): string {
  return Buffer.from(checksumDigest(algorithm, bytes)).toString('base64')
}

export function parseChecksumAlgorithm(value: string | null): ChecksumAlgorithm | undefined {
  const upper = value?.toUpperCase()
  return CHECKSUM_ALGORITHMS.find((algorithm) => algorithm === upper)
}

/** `x-amz-checksum-crc32` and friends. */
export const checksumHeader = (algorithm: ChecksumAlgorithm) =>
  `x-amz-checksum-${algorithm.toLowerCase()}`

/** The XML element name in S3 responses: ChecksumCRC32, ChecksumSHA256, … */
export const checksumElement = (algorithm: ChecksumAlgorithm) => `Checksum${algorithm}`

/** Whether a value is base64 of exactly the algorithm's digest length. */
export function isWellFormedChecksum(algorithm: ChecksumAlgorithm, value: string): boolean {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return false
  return Buffer.from(value, 'base64').length === DIGEST_BYTES[algorithm]
}

/** CRC64NVME cannot be composite; the CRCs may be either; the SHAs only composite. */
export function defaultChecksumType(algorithm: ChecksumAlgorithm): ChecksumType {
  return algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE'
}

export function isChecksumTypeAllowed(algorithm: ChecksumAlgorithm, type: ChecksumType): boolean {
  if (type === 'COMPOSITE') return algorithm !== 'CRC64NVME'
  return algorithm === 'CRC32' || algorithm === 'CRC32C' || algorithm === 'CRC64NVME'
}

/**
 * A multipart object's composite checksum: the algorithm over the
 * concatenated binary checksums of its parts, then `-<number of parts>`.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html#large-object-checksums
 */
export function compositeChecksum(
  algorithm: ChecksumAlgorithm,
  partChecksums: readonly string[],
): string {
  const joined = Buffer.concat(partChecksums.map((value) => Buffer.from(value, 'base64')))
  return `${checksumBase64(algorithm, joined)}-${partChecksums.length}`
}

export function md5(bytes: Uint8Array): Buffer {
  return createHash('md5').update(bytes).digest()
}
