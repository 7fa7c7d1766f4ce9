import type { Caller } from '../edge/authenticate.ts'
import type { EdgeRequest } from '../edge/edge-request.ts'
import type { S3BucketRecord } from './records.ts'
import { noSuchBucket } from './s3-errors.ts'
import type { S3Storage } from './s3-storage.ts'
import { toXmlDocument, type XmlElement } from './xml.ts'

/** What an S3 operation handler gets: the request, who made it, what it addresses, and the storage. */
export interface S3Context {
  readonly request: EdgeRequest
  readonly caller: Caller
  /** '' for ListBuckets. */
  readonly bucket: string
  /** '' for bucket operations. */
  readonly key: string
  readonly storage: S3Storage
  /** Whether the signature came in the query string (a pre-signed URL). */
  readonly isPresigned: boolean
  /** Throws S3's AccessDenied unless the caller's role allows the IAM action on the resource. */
  authorize(action: string, resource: string): void
  isPermitted(action: string, resource: string): boolean
}

/**
 * One S3 operation. `action` is the IAM action the frontend checks on the
 * addressed bucket or object before the handler runs; operations that check
 * per resource themselves (DeleteObjects, CopyObject's source) say so.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 */
export interface S3Operation {
  readonly name: string
  readonly action: string | undefined
  readonly resource: 'account' | 'bucket' | 'object'
  handle(context: S3Context): Promise<Response> | Response
}

export const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`
export const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`

export function requireBucket(context: S3Context): S3BucketRecord {
  const bucket = context.storage.bucket(context.bucket)
  if (bucket === undefined) throw noSuchBucket(context.bucket)
  return bucket
}

export function xmlResponse(
  root: string,
  body: XmlElement,
  headers: Readonly<Record<string, string>> = {},
  status = 200,
): Response {
  return new Response(toXmlDocument(root, body), {
    status,
    headers: { 'content-type': 'application/xml', ...headers },
  })
}

export function emptyResponse(
  status = 200,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new Response(null, { status, headers })
}

/** S3's XML timestamps: ISO 8601 with milliseconds. */
export const isoTime = (epochMs: number) => new Date(epochMs).toISOString()

/** The owner S3 reports for the account's buckets and uploads. */
export const OWNER = {
  ID: '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a',
  DisplayName: 'fleetdeck',
} as const
