import type { S3ObjectRecord } from './records.ts'
import { httpDate } from './object-headers.ts'
import { preconditionFailed } from './s3-errors.ts'

/**
 * Conditional requests on objects (RFC 9110 §13 as S3 applies them): for
 * GET and HEAD a failed If-Match or If-Unmodified-Since answers 412, a
 * matching If-None-Match or an unchanged If-Modified-Since answers 304; for
 * PutObject, If-None-Match: * refuses to overwrite and If-Match refuses to
 * write over another version.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-requests.html
 */
function etagList(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, ''))
    .filter((tag) => tag !== '')
}

function matchesEtag(header: string, record: S3ObjectRecord): boolean {
  const tags = etagList(header)
  return tags.includes('*') || tags.includes(record.etag)
}

function parseHttpDate(value: string | null): number | undefined {
  if (value === null) return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : ms
}

/** 304 Not Modified, or undefined when the read may go ahead; throws 412 for a failed precondition. */
export function checkReadConditions(
  headers: Headers,
  record: S3ObjectRecord,
): Response | undefined {
  const ifMatch = headers.get('if-match')
  if (ifMatch !== null && !matchesEtag(ifMatch, record)) throw preconditionFailed('If-Match')
  const unmodifiedSince = parseHttpDate(headers.get('if-unmodified-since'))
  if (
    ifMatch === null &&
    unmodifiedSince !== undefined &&
    record.lastModifiedMs > unmodifiedSince
  ) {
    throw preconditionFailed('If-Unmodified-Since')
  }
  const ifNoneMatch = headers.get('if-none-match')
  const modifiedSince = parseHttpDate(headers.get('if-modified-since'))
  const notModified =
    ifNoneMatch !== null
      ? matchesEtag(ifNoneMatch, record)
      : modifiedSince !== undefined && record.lastModifiedMs <= modifiedSince
  if (!notModified) return undefined
  return new Response(null, {
    status: 304,
    headers: { etag: `"${record.etag}"`, 'last-modified': httpDate(record.lastModifiedMs) },
  })
}

/** Throws 412 (or 404 for If-Match on a missing key, as S3 does) when a conditional write may not go ahead. */
export function checkWriteConditions(
  headers: Headers,
  existing: S3ObjectRecord | undefined,
  missingKey: () => Error,
): void {
  const ifNoneMatch = headers.get('if-none-match')
  if (ifNoneMatch !== null && existing !== undefined && ifNoneMatch.trim() === '*') {
    throw preconditionFailed('If-None-Match')
  }
  const ifMatch = headers.get('if-match')
  if (ifMatch !== null) {
    if (existing === undefined) throw missingKey()
    if (!matchesEtag(ifMatch, existing)) throw preconditionFailed('If-Match')
  }
}
