import { parseByteRange } from '../byte-range.ts'
import { checkReadConditions } from '../object-conditions.ts'
import { RESPONSE_OVERRIDES, objectHeaders } from '../object-headers.ts'
import type { S3ObjectRecord } from '../records.ts'
import {
  accessDenied,
  invalidArgument,
  noSuchKey,
  s3Error,
  s3NotImplemented,
} from '../s3-errors.ts'
import { bucketArn, requireBucket, type S3Context, type S3Operation } from '../s3-operation.ts'

function findObject(context: S3Context): S3ObjectRecord {
  const query = context.request.url.searchParams
  if (query.has('partNumber')) throw s3NotImplemented('GetObject and HeadObject with partNumber')
  const versionId = query.get('versionId')
  // Buckets here are never versioned; S3 knows only the "null" version in them.
  if (versionId !== null && versionId !== 'null') {
    throw invalidArgument('Invalid version id specified', 'versionId', versionId)
  }
  requireBucket(context)
  const record = context.storage.object(context.bucket, context.key)
  if (record !== undefined) return record
  // Without s3:ListBucket a caller may not learn whether a key exists: S3 answers 403.
  if (!context.isPermitted('s3:ListBucket', bucketArn(context.bucket))) throw accessDenied()
  throw noSuchKey(context.key)
}

/**
 * GetObject and HeadObject share everything but the body: conditions, one
 * byte range (206 with Content-Range, 416 when unsatisfiable), the stored
 * headers, checksums on request for whole objects, and response-* overrides.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
 */
async function readObject(context: S3Context, withBody: boolean): Promise<Response> {
  const { request, storage } = context
  const record = findObject(context)
  const notModified = checkReadConditions(request.headers, record)
  if (notModified !== undefined) return notModified
  const range = parseByteRange(request.headers.get('range'), record.size)
  if (range.kind === 'unsatisfiable') {
    throw s3Error('InvalidRange', 416, 'The requested range is not satisfiable', {
      RangeRequested: request.headers.get('range') ?? '',
      ActualObjectSize: record.size,
    })
  }
  const isWhole = range.kind === 'whole'
  const headers = objectHeaders(record, {
    includeChecksum: isWhole && request.headers.get('x-amz-checksum-mode') === 'ENABLED',
  })
  for (const [parameter, header] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = request.url.searchParams.get(parameter)
    if (value !== null) headers[header] = value
  }
  const length = isWhole ? record.size : range.end - range.start + 1
  headers['content-length'] = String(length)
  if (!isWhole) headers['content-range'] = `bytes ${range.start}-${range.end}/${record.size}`
  const body = !withBody
    ? null
    : await storage.readObject(record, isWhole ? undefined : { start: range.start, end: range.end })
  return new Response(body as Uint8Array<ArrayBuffer> | null, {
    status: isWhole ? 200 : 206,
    headers,
  })
}

export const getObject: S3Operation = {
  name: 'GetObject',
  action: 's3:GetObject',
  resource: 'object',
  handle: (context) => readObject(context, true),
}

export const headObject: S3Operation = {
  name: 'HeadObject',
  action: 's3:GetObject',
  resource: 'object',
  handle: (context) => readObject(context, false),
}
