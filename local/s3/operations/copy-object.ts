import { checksumBase64, checksumElement, md5, parseChecksumAlgorithm } from '../checksums.ts'
import { objectAttributesFrom } from '../object-headers.ts'
import { checkWriteConditions } from '../object-conditions.ts'
import { checkObjectWrite } from '../object-writes.ts'
import type { ObjectAttributes, S3ObjectRecord, StoredChecksum } from '../records.ts'
import {
  invalidArgument,
  invalidRequest,
  noSuchBucket,
  noSuchKey,
  preconditionFailed,
  s3NotImplemented,
} from '../s3-errors.ts'
import {
  isoTime,
  objectArn,
  requireBucket,
  xmlResponse,
  type S3Context,
  type S3Operation,
} from '../s3-operation.ts'

/** `x-amz-copy-source`: `bucket/key` or `/bucket/key`, URL-encoded, maybe with `?versionId=`. */
export function parseCopySource(header: string): { bucket: string; key: string } {
  const [path = '', query = ''] = header.split('?')
  const versionId = new URLSearchParams(query).get('versionId')
  if (versionId !== null && versionId !== 'null') {
    throw invalidArgument('Invalid version id specified', 'x-amz-copy-source', header)
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    decoded = ''
  }
  if (decoded.startsWith('arn:')) throw s3NotImplemented('CopyObject from an access point')
  const trimmed = decoded.startsWith('/') ? decoded.slice(1) : decoded
  const slash = trimmed.indexOf('/')
  if (slash <= 0 || slash === trimmed.length - 1) {
    throw invalidArgument(
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      'x-amz-copy-source',
      header,
    )
  }
  return { bucket: trimmed.slice(0, slash), key: trimmed.slice(slash + 1) }
}

function checkCopySourceConditions(headers: Headers, source: S3ObjectRecord): void {
  const tags = (value: string) => value.split(',').map((tag) => tag.trim().replace(/^"|"$/g, ''))
  const date = (name: string) => {
    const value = headers.get(name)
    return value === null ? undefined : Date.parse(value)
  }
  const ifMatch = headers.get('x-amz-copy-source-if-match')
  if (ifMatch !== null && !tags(ifMatch).some((tag) => tag === '*' || tag === source.etag)) {
    throw preconditionFailed('x-amz-copy-source-If-Match')
  }
  const ifNoneMatch = headers.get('x-amz-copy-source-if-none-match')
  if (ifNoneMatch !== null && tags(ifNoneMatch).some((tag) => tag === '*' || tag === source.etag)) {
    throw preconditionFailed('x-amz-copy-source-If-None-Match')
  }
  const unmodifiedSince = date('x-amz-copy-source-if-unmodified-since')
  if (
    ifMatch === null &&
    unmodifiedSince !== undefined &&
    source.lastModifiedMs > unmodifiedSince
  ) {
    throw preconditionFailed('x-amz-copy-source-If-Unmodified-Since')
  }
  const modifiedSince = date('x-amz-copy-source-if-modified-since')
  if (
    ifNoneMatch === null &&
    modifiedSince !== undefined &&
    source.lastModifiedMs <= modifiedSince
  ) {
    throw preconditionFailed('x-amz-copy-source-If-Modified-Since')
  }
}

function sourceAttributes(source: S3ObjectRecord): ObjectAttributes {
  const {
    contentType,
    contentEncoding,
    contentDisposition,
    contentLanguage,
    cacheControl,
    expires,
  } = source
  return {
    contentType,
    ...(contentEncoding === undefined ? {} : { contentEncoding }),
    ...(contentDisposition === undefined ? {} : { contentDisposition }),
    ...(contentLanguage === undefined ? {} : { contentLanguage }),
    ...(cacheControl === undefined ? {} : { cacheControl }),
    ...(expires === undefined ? {} : { expires }),
    metadata: source.metadata,
  }
}

function findSource(context: S3Context): S3ObjectRecord {
  const { bucket, key } = parseCopySource(context.request.headers.get('x-amz-copy-source') ?? '')
  context.authorize('s3:GetObject', objectArn(bucket, key))
  if (context.storage.bucket(bucket) === undefined) throw noSuchBucket(bucket)
  const source = context.storage.object(bucket, key)
  if (source === undefined) throw noSuchKey(key)
  return source
}

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
 * Needs s3:GetObject on the source and s3:PutObject on the destination. The
 * copy shares the source's bytes; metadata is copied unless
 * x-amz-metadata-directive is REPLACE.
 */
export const copyObject: S3Operation = {
  name: 'CopyObject',
  action: 's3:PutObject',
  resource: 'object',
  handle: async (context) => {
    const { request, bucket, key, storage } = context
    requireBucket(context)
    checkObjectWrite(key, request.headers)
    const source = findSource(context)
    checkCopySourceConditions(request.headers, source)
    checkWriteConditions(request.headers, storage.object(bucket, key), () => noSuchKey(key))
    const directive = request.headers.get('x-amz-metadata-directive') ?? 'COPY'
    if (directive !== 'COPY' && directive !== 'REPLACE') {
      throw invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', directive)
    }
    const requestedAlgorithm = request.headers.get('x-amz-checksum-algorithm')
    const algorithm = parseChecksumAlgorithm(requestedAlgorithm)
    if (requestedAlgorithm !== null && algorithm === undefined) {
      throw invalidRequest(`Checksum algorithm ${requestedAlgorithm} is not supported.`)
    }
    if (
      source.bucket === bucket &&
      source.key === key &&
      directive === 'COPY' &&
      algorithm === undefined
    ) {
      throw invalidRequest(
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      )
    }
    const attributes =
      directive === 'REPLACE'
        ? objectAttributesFrom(request.headers, undefined)
        : sourceAttributes(source)
    // A copy is written in one part: a multipart source's composite checksum and ETag are recomputed.
    const needsBytes =
      algorithm !== undefined ||
      source.checksum.type === 'COMPOSITE' ||
      source.partsCount !== undefined
    const bytes = needsBytes ? await storage.readObject(source) : undefined
    const checksum: StoredChecksum =
      bytes === undefined
        ? source.checksum
        : {
            algorithm: algorithm ?? source.checksum.algorithm,
            value: checksumBase64(algorithm ?? source.checksum.algorithm, bytes),
            type: 'FULL_OBJECT',
          }
    const etag =
      bytes === undefined || source.partsCount === undefined
        ? source.etag
        : md5(bytes).toString('hex')
    const record = storage.copyObject({ bucket, key, etag, checksum, ...attributes }, source)
    return xmlResponse(
      'CopyObjectResult',
      {
        ETag: `"${record.etag}"`,
        LastModified: isoTime(record.lastModifiedMs),
        ChecksumType: record.checksum.type,
        [checksumElement(record.checksum.algorithm)]: record.checksum.value,
      },
      { 'x-amz-server-side-encryption': 'AES256' },
    )
  },
}
