import {
  CHECKSUM_ALGORITHMS,
  checksumBase64,
  checksumElement,
  checksumHeader,
  compositeChecksum,
  md5,
} from '../checksums.ts'
import { checkWriteConditions } from '../object-conditions.ts'
import type { S3ObjectRecord, S3PartRecord, S3UploadRecord, StoredChecksum } from '../records.ts'
import { invalidRequest, noSuchKey, s3Error } from '../s3-errors.ts'
import { xmlResponse, type S3Operation } from '../s3-operation.ts'
import { childrenOf, malformedXml, parseXmlBody, rootOf, textOf } from '../xml.ts'
import { MAX_PART_NUMBER, findUpload } from './multipart-uploads.ts'

/** Every part but the last must be at least 5 MiB. https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html */
export const MIN_PART_BYTES = 5 * 1024 * 1024

interface ListedPart {
  readonly partNumber: number
  readonly etag: string
  readonly checksums: ReadonlyMap<string, string>
}

function parseListedParts(body: Uint8Array): ListedPart[] {
  const root = rootOf(parseXmlBody(body, ['Part']), 'CompleteMultipartUpload')
  const parts = childrenOf(root, 'Part').map((node): ListedPart => {
    const partNumber = Number(textOf(node, 'PartNumber')?.trim())
    const etag = textOf(node, 'ETag')?.trim().replace(/^"|"$/g, '')
    if (
      !Number.isInteger(partNumber) ||
      partNumber < 1 ||
      partNumber > MAX_PART_NUMBER ||
      etag === undefined
    ) {
      throw malformedXml()
    }
    const checksums = new Map<string, string>()
    for (const algorithm of CHECKSUM_ALGORITHMS) {
      const value = textOf(node, checksumElement(algorithm))?.trim()
      if (value !== undefined) checksums.set(algorithm, value)
    }
    return { partNumber, etag, checksums }
  })
  if (parts.length === 0) throw malformedXml()
  return parts
}

const invalidPart = (upload: S3UploadRecord, listed: ListedPart) =>
  s3Error(
    'InvalidPart',
    400,
    "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
    { UploadId: upload.uploadId, PartNumber: listed.partNumber, ETag: listed.etag },
  )

function chooseParts(
  upload: S3UploadRecord,
  listed: readonly ListedPart[],
  uploaded: readonly S3PartRecord[],
): S3PartRecord[] {
  const byNumber = new Map(uploaded.map((part) => [part.partNumber, part]))
  return listed.map((entry, index) => {
    const previous = listed[index - 1]
    if (previous !== undefined && entry.partNumber <= previous.partNumber) {
      throw s3Error(
        'InvalidPartOrder',
        400,
        'The list of parts was not in ascending order. Parts must be ordered by part number.',
        { UploadId: upload.uploadId },
      )
    }
    const part = byNumber.get(entry.partNumber)
    if (part === undefined || part.etag !== entry.etag) throw invalidPart(upload, entry)
    for (const [algorithm, value] of entry.checksums) {
      if (part.checksum?.algorithm !== algorithm || part.checksum.value !== value) {
        throw invalidPart(upload, entry)
      }
    }
    return part
  })
}

function checkPartSizes(chosen: readonly S3PartRecord[]): void {
  chosen.slice(0, -1).forEach((part) => {
    if (part.size < MIN_PART_BYTES) {
      throw s3Error(
        'EntityTooSmall',
        400,
        'Your proposed upload is smaller than the minimum allowed size',
        {
          ProposedSize: part.size,
          MinSizeAllowed: MIN_PART_BYTES,
          PartNumber: part.partNumber,
          ETag: `"${part.etag}"`,
        },
      )
    }
  })
}

/**
 * The object's checksum: CRC64NVME over the whole when the upload named no
 * algorithm (S3's default since December 2024), the algorithm over the whole
 * for FULL_OBJECT, or over the parts' checksums with a `-N` suffix for
 * COMPOSITE.
 */
function finalChecksum(
  upload: S3UploadRecord,
  chosen: readonly S3PartRecord[],
  bytes: Uint8Array,
): StoredChecksum {
  const algorithm = upload.checksumAlgorithm
  if (algorithm === undefined || upload.checksumType === 'FULL_OBJECT') {
    const used = algorithm ?? 'CRC64NVME'
    return { algorithm: used, value: checksumBase64(used, bytes), type: 'FULL_OBJECT' }
  }
  const partChecksums = chosen.map((part) => part.checksum?.value ?? '')
  return { algorithm, value: compositeChecksum(algorithm, partChecksums), type: 'COMPOSITE' }
}

/** The checksum a client may send for the whole object on completion, checked like an upload's. */
function checkSentObjectChecksum(headers: Headers, checksum: StoredChecksum, size: number): void {
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const sent = headers.get(checksumHeader(algorithm))
    if (sent === null) continue
    if (algorithm !== checksum.algorithm || sent !== checksum.value) {
      throw s3Error(
        'BadDigest',
        400,
        `The ${algorithm} you specified did not match the calculated checksum.`,
      )
    }
  }
  const declaredSize = headers.get('x-amz-mp-object-size')
  if (declaredSize !== null && Number(declaredSize) !== size) {
    throw invalidRequest(
      `The provided 'x-amz-mp-object-size' header value ${declaredSize} does not match what was computed: ${size}`,
    )
  }
}

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
 * The listed parts must exist with the ETags given, in ascending order, all
 * but the last at least 5 MiB. The ETag is the MD5 of the parts' binary MD5s
 * followed by `-<number of parts>`.
 */
export const completeMultipartUpload: S3Operation = {
  name: 'CompleteMultipartUpload',
  action: 's3:PutObject',
  resource: 'object',
  handle: async (context) => {
    const { request, storage } = context
    const upload = findUpload(context)
    // Conditional writes (If-None-Match: *, If-Match) as on PutObject, checked
    // before the parts are read and again as the object goes in.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
    const conditions = (existing: S3ObjectRecord | undefined) =>
      checkWriteConditions(request.headers, existing, () => noSuchKey(upload.key))
    conditions(storage.object(upload.bucket, upload.key))
    // x-amz-checksum-* here is the whole object's checksum, not the body's: the body is read as sent.
    const listed = parseListedParts(request.body)
    const chosen = chooseParts(upload, listed, storage.parts(upload.uploadId))
    checkPartSizes(chosen)
    const bytes = Buffer.concat(await Promise.all(chosen.map((part) => storage.readPart(part))))
    const checksum = finalChecksum(upload, chosen, bytes)
    checkSentObjectChecksum(request.headers, checksum, bytes.length)
    const partMd5s = Buffer.concat(chosen.map((part) => Buffer.from(part.etag, 'hex')))
    const etag = `${md5(partMd5s).toString('hex')}-${chosen.length}`
    const {
      uploadId: _uploadId,
      initiatedAtMs: _initiated,
      checksumAlgorithm: _algorithm,
      checksumType: _type,
      ...attributes
    } = upload
    const record = await storage.completeUpload(
      upload,
      { ...attributes, etag, checksum, partsCount: chosen.length },
      bytes,
      conditions,
    )
    const location = `${request.url.origin}/${record.bucket}/${record.key.split('/').map(encodeURIComponent).join('/')}`
    return xmlResponse(
      'CompleteMultipartUploadResult',
      {
        Location: location,
        Bucket: record.bucket,
        Key: record.key,
        ETag: `"${record.etag}"`,
        [checksumElement(checksum.algorithm)]: checksum.value,
        ChecksumType: checksum.type,
      },
      { 'x-amz-server-side-encryption': 'AES256' },
    )
  },
}
