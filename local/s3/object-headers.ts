import { checksumHeader } from './checksums.ts'
import type { ObjectAttributes, S3ObjectRecord } from './records.ts'
import { s3Error } from './s3-errors.ts'

/**
 * The representation headers S3 keeps with an object: Content-Type and
 * friends, and user metadata (`x-amz-meta-*`, at most 2 KB). Pre-signed URLs
 * carry hoisted `x-amz-meta-*` in their query, so those count too.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html
 */
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream'
export const MAX_METADATA_BYTES = 2048
const META_PREFIX = 'x-amz-meta-'

/** Content-Encoding as stored: the aws-chunked transfer token is not part of the object. */
export function storedContentEncoding(header: string | null): string | undefined {
  const kept = (header ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '' && token.toLowerCase() !== 'aws-chunked')
  return kept.length === 0 ? undefined : kept.join(',')
}

function userMetadata(
  headers: Headers,
  query: URLSearchParams | undefined,
): Record<string, string> {
  const metadata: Record<string, string> = {}
  for (const [name, value] of headers) {
    if (name.startsWith(META_PREFIX)) metadata[name.slice(META_PREFIX.length)] = value
  }
  for (const [name, value] of query ?? []) {
    const lower = name.toLowerCase()
    if (lower.startsWith(META_PREFIX)) metadata[lower.slice(META_PREFIX.length)] = value
  }
  const size = Object.entries(metadata).reduce(
    (total, [name, value]) => total + Buffer.byteLength(name) + Buffer.byteLength(value),
    0,
  )
  if (size > MAX_METADATA_BYTES) {
    throw s3Error(
      'MetadataTooLarge',
      400,
      'Your metadata headers exceed the maximum allowed metadata size',
      { Size: size, MaxSizeAllowed: MAX_METADATA_BYTES },
    )
  }
  return metadata
}

/** `query` is the pre-signed URL's query when the request was signed there. */
export function objectAttributesFrom(
  headers: Headers,
  query: URLSearchParams | undefined,
): ObjectAttributes {
  const optional = (name: string, header: string) => {
    const value = headers.get(header)
    return value === null ? {} : { [name]: value }
  }
  const contentEncoding = storedContentEncoding(headers.get('content-encoding'))
  return {
    contentType: headers.get('content-type') ?? DEFAULT_CONTENT_TYPE,
    ...(contentEncoding === undefined ? {} : { contentEncoding }),
    ...optional('contentDisposition', 'content-disposition'),
    ...optional('contentLanguage', 'content-language'),
    ...optional('cacheControl', 'cache-control'),
    ...optional('expires', 'expires'),
    metadata: userMetadata(headers, query),
  }
}

export function httpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString()
}

/**
 * The headers of GetObject and HeadObject. Checksums are returned only when
 * asked for (x-amz-checksum-mode: ENABLED) and only for the whole object.
 */
export function objectHeaders(
  record: S3ObjectRecord,
  { includeChecksum }: { includeChecksum: boolean },
): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': record.contentType,
    etag: `"${record.etag}"`,
    'last-modified': httpDate(record.lastModifiedMs),
    'accept-ranges': 'bytes',
    // Every S3 object has been encrypted at rest with SSE-S3 since January 2023.
    'x-amz-server-side-encryption': 'AES256',
  }
  const optional: [string, string | undefined][] = [
    ['content-encoding', record.contentEncoding],
    ['content-disposition', record.contentDisposition],
    ['content-language', record.contentLanguage],
    ['cache-control', record.cacheControl],
    ['expires', record.expires],
  ]
  for (const [name, value] of optional) if (value !== undefined) headers[name] = value
  for (const [name, value] of Object.entries(record.metadata)) headers[`x-amz-meta-${name}`] = value
  if (includeChecksum) {
    headers[checksumHeader(record.checksum.algorithm)] = record.checksum.value
    headers['x-amz-checksum-type'] = record.checksum.type
  }
  return headers
}

/** GetObject's response-* query parameters override the stored headers in the answer. */
export const RESPONSE_OVERRIDES: Readonly<Record<string, string>> = {
  'response-content-type': 'content-type',
  'response-content-language': 'content-language',
  'response-expires': 'expires',
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
}
