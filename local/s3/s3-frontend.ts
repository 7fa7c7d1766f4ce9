import { AwsError } from '../edge/aws-error.ts'
import { signingServiceOf, type Caller } from '../edge/authenticate.ts'
import { accessDeniedMessage, isPermitted } from '../edge/authorize.ts'
import type { EdgeRequest } from '../edge/edge-request.ts'
import type { EdgeContext, Frontend } from '../edge/frontend.ts'
import type { OriginPolicy } from '../edge/origins.ts'
import { bucketPreflight, s3ResponseCors } from './bucket-cors-responses.ts'
import { firstPathSegment, s3AddressOf, virtualHostBucket, type S3Address } from './s3-address.ts'
import { accessDenied, requestIds, s3Error, s3ErrorResponse } from './s3-errors.ts'
import { bucketArn, objectArn, type S3Context, type S3Operation } from './s3-operation.ts'
import { routeS3 } from './s3-router.ts'
import type { S3Storage } from './s3-storage.ts'

/**
 * S3's REST-XML front door on the edge. It claims requests signed for `s3`
 * (header or pre-signed query), virtual-hosted requests (`bucket.localhost`),
 * and unsigned requests whose first path segment names an existing bucket
 * (anonymous GETs, browsers' CORS preflights); other unsigned requests stay
 * with the IoT fallback. Every call is authenticated by the edge, authorised
 * against the caller's role with S3's IAM action names, and answered in S3's
 * XML, errors included.
 */
export interface S3FrontendOptions {
  readonly storage: S3Storage
  readonly origins: OriginPolicy
}

function claims(request: EdgeRequest, storage: S3Storage): boolean {
  const service = signingServiceOf(request)
  if (service !== undefined) return service === 's3'
  if (virtualHostBucket(request.headers.get('host')) !== undefined) return true
  const first = firstPathSegment(request.rawPath)
  return first !== undefined && storage.bucket(first) !== undefined
}

function resourceOf(operation: S3Operation, address: S3Address): string {
  const bucket = address.bucket ?? ''
  switch (operation.resource) {
    case 'account':
      return 'arn:aws:s3:::*'
    case 'bucket':
      return bucketArn(bucket)
    case 'object':
      return objectArn(bucket, address.key)
  }
}

function contextFor(
  request: EdgeRequest,
  address: S3Address,
  caller: Caller,
  storage: S3Storage,
): S3Context {
  const allowed = (action: string, resource: string) =>
    isPermitted(caller.principal, action, resource)
  return {
    request,
    caller,
    bucket: address.bucket ?? '',
    key: address.key,
    storage,
    isPresigned: request.url.searchParams.has('X-Amz-Signature'),
    isPermitted: allowed,
    authorize: (action, resource) => {
      if (!allowed(action, resource)) {
        throw accessDenied(accessDeniedMessage(caller.principal, action, resource))
      }
    },
  }
}

function withHeaders(response: Response, headers: Readonly<Record<string, string>>): Response {
  const merged = new Headers(response.headers)
  for (const [name, value] of Object.entries(headers)) merged.set(name, value)
  return new Response(response.body, { status: response.status, headers: merged })
}

export function createS3Frontend({ storage, origins }: S3FrontendOptions): Frontend {
  return {
    claims: (request) => claims(request, storage),
    preflight: (request) => {
      let address: S3Address
      try {
        address = s3AddressOf(request)
      } catch {
        return undefined
      }
      // The service itself (ListBuckets) keeps the edge's loopback policy.
      return address.bucket === undefined
        ? undefined
        : bucketPreflight(request, address, storage, origins)
    },
    handle: async (request: EdgeRequest, edge: EdgeContext) => {
      const ids = requestIds()
      let cors: Readonly<Record<string, string>> = edge.cors
      try {
        const address = s3AddressOf(request)
        cors = s3ResponseCors(request, address, storage, origins, edge.cors)
        const caller = await edge.authenticate(request, 's3')
        const operation = routeS3(
          request.method,
          address,
          request.url.searchParams,
          request.headers,
        )
        const context = contextFor(request, address, caller, storage)
        if (operation.action !== undefined) {
          context.authorize(operation.action, resourceOf(operation, address))
        }
        return withHeaders(await operation.handle(context), { ...ids, ...cors })
      } catch (error) {
        if (error instanceof AwsError) {
          return s3ErrorResponse(error, request.method, { ...ids, ...cors })
        }
        edge.onError(error)
        return s3ErrorResponse(
          s3Error('InternalError', 500, 'We encountered an internal error. Please try again.'),
          request.method,
          { ...ids, ...cors },
        )
      }
    },
  }
}
