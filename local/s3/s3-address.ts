import type { EdgeRequest } from '../edge/edge-request.ts'
import { s3Error } from './s3-errors.ts'

/**
 * Which bucket and key a request addresses. Path style puts the bucket first
 * in the path (`/bucket/key`); virtual-hosted style puts it in the host name
 * (`bucket.localhost:4566/key` or `bucket.s3.localhost:4566/key`, the local
 * forms of `bucket.s3.us-east-1.amazonaws.com`). Host names under
 * `.localhost` resolve to loopback, so they pass the edge's host policy.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
 */
export interface S3Address {
  /** Undefined for the service itself (ListBuckets). */
  readonly bucket?: string
  /** The decoded object key; '' when the bucket itself is addressed. */
  readonly key: string
}

const LOCAL_SUFFIX = '.localhost'

/** The bucket a virtual-hosted request names in its Host header, or undefined for path style. */
export function virtualHostBucket(hostHeader: string | null): string | undefined {
  if (hostHeader === null) return undefined
  let hostname: string
  try {
    hostname = new URL(`http://${hostHeader}`).hostname
  } catch {
    return undefined
  }
  if (!hostname.endsWith(LOCAL_SUFFIX)) return undefined
  let rest = hostname.slice(0, -LOCAL_SUFFIX.length)
  if (rest.endsWith('.s3')) rest = rest.slice(0, -'.s3'.length)
  return rest === '' || rest === 's3' ? undefined : rest
}

const invalidUri = () => s3Error('InvalidURI', 400, "Couldn't parse the specified URI.")

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw invalidUri()
  }
}

export function s3AddressOf(request: EdgeRequest): S3Address {
  const path = request.rawPath.startsWith('/') ? request.rawPath.slice(1) : request.rawPath
  const virtualBucket = virtualHostBucket(request.headers.get('host'))
  if (virtualBucket !== undefined) return { bucket: virtualBucket, key: decode(path) }
  if (path === '') return { key: '' }
  const slash = path.indexOf('/')
  const bucket = decode(slash < 0 ? path : path.slice(0, slash))
  return { bucket, key: slash < 0 ? '' : decode(path.slice(slash + 1)) }
}

/** The first path segment, decoded, for deciding whether an unsigned request names a bucket. */
export function firstPathSegment(rawPath: string): string | undefined {
  const segment = rawPath.split('/')[1]
  if (segment === undefined || segment === '') return undefined
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}
