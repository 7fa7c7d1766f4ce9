import type { EdgeRequest } from '../edge/edge-request.ts'
import type { OriginPolicy } from '../edge/origins.ts'
import { corsHeaders, matchCorsRule, parseRequestHeaders } from './cors.ts'
import type { S3Address } from './s3-address.ts'
import { requestIds, s3Error, s3ErrorResponse } from './s3-errors.ts'
import type { S3Storage } from './s3-storage.ts'

/**
 * CORS for buckets as S3 answers it: preflights (OPTIONS) and the headers of
 * actual responses follow the bucket's CORS configuration, not the edge's
 * loopback policy. Requests to the service itself, or to a bucket that does
 * not exist yet, keep the edge's policy so tools on loopback can still create
 * buckets. The edge's origin policy still applies on top (the admin key is
 * public): a rule allowing `*` admits only origins the edge admits.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html#cors-eval-criteria
 */
const FORBIDDEN_MESSAGE =
  "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."

export function bucketPreflight(
  request: EdgeRequest,
  address: S3Address,
  storage: S3Storage,
  origins: OriginPolicy,
): Response {
  const ids = requestIds()
  const method = request.headers.get('access-control-request-method')
  const refuse = (code: string, status: number, message: string) =>
    s3ErrorResponse(
      s3Error(code, status, message, {
        Method: method ?? '',
        ResourceType: address.key === '' ? 'BUCKET' : 'OBJECT',
      }),
      'OPTIONS',
      ids,
    )
  const origin = request.headers.get('origin')
  if (origin === null) {
    return refuse('BadRequest', 400, 'Insufficient information. Origin request header needed.')
  }
  if (method === null)
    return refuse('BadRequest', 400, 'Invalid Access-Control-Request-Method: null')
  const bucket = address.bucket === undefined ? undefined : storage.bucket(address.bucket)
  if (bucket === undefined) return refuse('AccessForbidden', 403, 'CORSResponse: Bucket not found')
  if (bucket.cors === undefined) {
    return refuse('AccessForbidden', 403, 'CORSResponse: CORS is not enabled for this bucket.')
  }
  const corsRequest = {
    origin,
    method,
    requestHeaders: parseRequestHeaders(request.headers.get('access-control-request-headers')),
  }
  const rule = origins.isAllowedOrigin(origin) ? matchCorsRule(bucket.cors, corsRequest) : undefined
  if (rule === undefined) return refuse('AccessForbidden', 403, FORBIDDEN_MESSAGE)
  return new Response(null, { status: 200, headers: { ...ids, ...corsHeaders(rule, corsRequest) } })
}

/** CORS headers for an actual S3 response. */
export function s3ResponseCors(
  request: EdgeRequest,
  address: S3Address,
  storage: S3Storage,
  origins: OriginPolicy,
  edgeCors: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  const bucket = address.bucket === undefined ? undefined : storage.bucket(address.bucket)
  if (bucket === undefined) return edgeCors
  const origin = request.headers.get('origin')
  if (origin === null || bucket.cors === undefined || !origins.isAllowedOrigin(origin)) return {}
  const corsRequest = { origin, method: request.method }
  const rule = matchCorsRule(bucket.cors, corsRequest)
  return rule === undefined ? {} : corsHeaders(rule, corsRequest)
}
