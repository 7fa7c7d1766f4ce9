import {
  checksumBase64,
  checksumElement,
  checksumHeader,
  defaultChecksumType,
  isChecksumTypeAllowed,
  parseChecksumAlgorithm,
  type ChecksumType,
} from '../checksums.ts'
import { objectAttributesFrom } from '../object-headers.ts'
import { checkObjectWrite } from '../object-writes.ts'
import type { S3UploadRecord } from '../records.ts'
import { receivePayload } from '../request-payload.ts'
import { invalidArgument, invalidRequest, noSuchUpload } from '../s3-errors.ts'
import {
  OWNER,
  emptyResponse,
  isoTime,
  requireBucket,
  xmlResponse,
  type S3Context,
  type S3Operation,
} from '../s3-operation.ts'

/** Part numbers run from 1 to 10,000. https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html */
export const MAX_PART_NUMBER = 10_000

/** The upload named by ?uploadId, which must belong to the addressed bucket and key. */
export function findUpload(context: S3Context): S3UploadRecord {
  requireBucket(context)
  const uploadId = context.request.url.searchParams.get('uploadId') ?? ''
  const upload = context.storage.upload(uploadId)
  if (upload === undefined || upload.bucket !== context.bucket || upload.key !== context.key) {
    throw noSuchUpload(uploadId)
  }
  return upload
}

function checksumHeaders(upload: S3UploadRecord): Record<string, string> {
  return upload.checksumAlgorithm === undefined
    ? {}
    : {
        'x-amz-checksum-algorithm': upload.checksumAlgorithm,
        'x-amz-checksum-type': upload.checksumType ?? defaultChecksumType(upload.checksumAlgorithm),
      }
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html */
export const createMultipartUpload: S3Operation = {
  name: 'CreateMultipartUpload',
  action: 's3:PutObject',
  resource: 'object',
  handle: (context) => {
    const { request, bucket, key, storage } = context
    requireBucket(context)
    checkObjectWrite(key, request.headers)
    const algorithmHeader = request.headers.get('x-amz-checksum-algorithm')
    const typeHeader = request.headers.get('x-amz-checksum-type')
    const checksumAlgorithm = parseChecksumAlgorithm(algorithmHeader)
    if (algorithmHeader !== null && checksumAlgorithm === undefined) {
      throw invalidRequest(`Checksum algorithm ${algorithmHeader} is not supported.`)
    }
    if (typeHeader !== null && typeHeader !== 'COMPOSITE' && typeHeader !== 'FULL_OBJECT') {
      throw invalidRequest('Value for x-amz-checksum-type header is invalid.')
    }
    let checksumType: ChecksumType | undefined
    if (checksumAlgorithm === undefined) {
      if (typeHeader !== null) {
        throw invalidRequest(
          'The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.',
        )
      }
    } else {
      checksumType = typeHeader ?? defaultChecksumType(checksumAlgorithm)
      if (!isChecksumTypeAllowed(checksumAlgorithm, checksumType)) {
        throw invalidRequest(
          `The ${checksumType} checksum type cannot be used with the ${checksumAlgorithm.toLowerCase()} checksum algorithm.`,
        )
      }
    }
    const upload = storage.createUpload({
      bucket,
      key,
      ...objectAttributesFrom(
        request.headers,
        context.isPresigned ? request.url.searchParams : undefined,
      ),
      ...(checksumAlgorithm === undefined ? {} : { checksumAlgorithm }),
      ...(checksumType === undefined ? {} : { checksumType }),
    })
    return xmlResponse(
      'InitiateMultipartUploadResult',
      { Bucket: bucket, Key: key, UploadId: upload.uploadId },
      { 'x-amz-server-side-encryption': 'AES256', ...checksumHeaders(upload) },
    )
  },
}

function partNumberOf(query: URLSearchParams): number {
  const raw = query.get('partNumber') ?? ''
  const partNumber = Number(raw)
  if (!/^\d+$/.test(raw) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw invalidArgument(
      `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`,
      'partNumber',
      raw,
    )
  }
  return partNumber
}

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html
 * When the upload was created with a checksum algorithm, a part sent with
 * another one is refused and a part sent without one gets it computed.
 */
export const uploadPart: S3Operation = {
  name: 'UploadPart',
  action: 's3:PutObject',
  resource: 'object',
  handle: async (context) => {
    const partNumber = partNumberOf(context.request.url.searchParams)
    const upload = findUpload(context)
    const payload = receivePayload(context.request, context.caller)
    const expected = upload.checksumAlgorithm
    if (
      expected !== undefined &&
      payload.checksum !== undefined &&
      payload.checksum.algorithm !== expected
    ) {
      throw invalidRequest(
        `Checksum Type mismatch occurred, expected checksum Type: ${expected.toLowerCase()}, actual checksum Type: ${payload.checksum.algorithm.toLowerCase()}`,
      )
    }
    const checksum =
      payload.checksum ??
      (expected === undefined
        ? undefined
        : { algorithm: expected, value: checksumBase64(expected, payload.bytes) })
    const part = await context.storage.putPart(
      {
        uploadId: upload.uploadId,
        partNumber,
        etag: payload.md5Hex,
        ...(checksum === undefined ? {} : { checksum }),
      },
      payload.bytes,
    )
    return emptyResponse(200, {
      etag: `"${part.etag}"`,
      'x-amz-server-side-encryption': 'AES256',
      ...(payload.checksum === undefined
        ? {}
        : { [checksumHeader(payload.checksum.algorithm)]: payload.checksum.value }),
    })
  },
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html */
export const abortMultipartUpload: S3Operation = {
  name: 'AbortMultipartUpload',
  action: 's3:AbortMultipartUpload',
  resource: 'object',
  handle: (context) => {
    const upload = findUpload(context)
    context.storage.abortUpload(upload.uploadId)
    return emptyResponse(204)
  },
}

function boundedInteger(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name)
  if (raw === null) return fallback
  if (!/^\d+$/.test(raw)) {
    throw invalidArgument(`Argument ${name} must be an integer between 0 and 2147483647`, name, raw)
  }
  return Number(raw)
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html */
export const listParts: S3Operation = {
  name: 'ListParts',
  action: 's3:ListMultipartUploadParts',
  resource: 'object',
  handle: (context) => {
    const upload = findUpload(context)
    const query = context.request.url.searchParams
    const maxParts = Math.min(boundedInteger(query, 'max-parts', 1000), 1000)
    const marker = boundedInteger(query, 'part-number-marker', 0)
    const after = context.storage.parts(upload.uploadId).filter((part) => part.partNumber > marker)
    const page = after.slice(0, maxParts)
    const isTruncated = after.length > page.length
    return xmlResponse('ListPartsResult', {
      Bucket: upload.bucket,
      Key: upload.key,
      UploadId: upload.uploadId,
      PartNumberMarker: marker,
      NextPartNumberMarker: page.at(-1)?.partNumber ?? 0,
      MaxParts: maxParts,
      IsTruncated: isTruncated,
      Part: page.map((part) => ({
        PartNumber: part.partNumber,
        LastModified: isoTime(part.lastModifiedMs),
        ETag: `"${part.etag}"`,
        Size: part.size,
        ...(part.checksum === undefined
          ? {}
          : { [checksumElement(part.checksum.algorithm)]: part.checksum.value }),
      })),
      Initiator: OWNER,
      Owner: OWNER,
      StorageClass: 'STANDARD',
      ChecksumAlgorithm: upload.checksumAlgorithm,
      ChecksumType: upload.checksumType,
    })
  },
}
