/**
 * ListObjectsV2's paging, on keys in S3's order (UTF-8 byte order): keys
 * under `prefix`, after `startAfter` and the continuation marker, with keys
 * that contain `delimiter` past the prefix rolled up into one common prefix
 * each. Keys and common prefixes together count against `maxKeys`.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 */
export interface ListObjectsQuery {
  readonly prefix: string
  readonly delimiter?: string
  readonly maxKeys: number
  readonly startAfter?: string
  readonly continuation?: ListMarker
}

/** Where a page ended: a key, or a common prefix whose keys were all rolled into it. */
export interface ListMarker {
  readonly marker: string
  readonly isCommonPrefix: boolean
}

export interface ListObjectsPage {
  readonly keys: readonly string[]
  readonly commonPrefixes: readonly string[]
  readonly isTruncated: boolean
  /** Set when truncated: where the next page starts. */
  readonly next?: ListMarker
}

export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}

export function listObjectsPage(
  sortedKeys: readonly string[],
  query: ListObjectsQuery,
): ListObjectsPage {
  const { prefix, delimiter, maxKeys, startAfter, continuation } = query
  const after = [startAfter, continuation?.marker]
    .filter((marker): marker is string => marker !== undefined && marker !== '')
    .sort(compareKeys)
    .pop()
  const skippedPrefix = continuation?.isCommonPrefix === true ? continuation.marker : undefined
  const keys: string[] = []
  const commonPrefixes: string[] = []
  let last: ListMarker | undefined
  let isTruncated = false
  for (const key of sortedKeys) {
    if (!key.startsWith(prefix)) continue
    if (after !== undefined && compareKeys(key, after) <= 0) continue
    if (skippedPrefix !== undefined && key.startsWith(skippedPrefix)) continue
    const cut =
      delimiter === undefined || delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length)
    const commonPrefix = cut < 0 ? undefined : key.slice(0, cut + (delimiter ?? '').length)
    if (commonPrefix !== undefined && commonPrefix === last?.marker) continue
    if (keys.length + commonPrefixes.length >= maxKeys) {
      isTruncated = maxKeys > 0
      break
    }
    if (commonPrefix === undefined) {
      keys.push(key)
      last = { marker: key, isCommonPrefix: false }
    } else {
      commonPrefixes.push(commonPrefix)
      last = { marker: commonPrefix, isCommonPrefix: true }
    }
  }
  return {
    keys,
    commonPrefixes,
    isTruncated,
    ...(isTruncated && last !== undefined ? { next: last } : {}),
  }
}

/** Continuation tokens are opaque to clients; this one is the marker, base64url-encoded. */
export function encodeContinuationToken(marker: ListMarker): string {
  return Buffer.from(JSON.stringify([marker.marker, marker.isCommonPrefix])).toString('base64url')
}

export function decodeContinuationToken(token: string): ListMarker | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      typeof decoded[0] === 'string' &&
      typeof decoded[1] === 'boolean'
    ) {
      return { marker: decoded[0], isCommonPrefix: decoded[1] }
    }
  } catch {
    // Falls through: not a token this server issued.
  }
  return undefined
}
