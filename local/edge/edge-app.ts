import { REGION } from '../config.ts'
import { AwsError, internalFailure, invalidRequest, notImplemented } from './aws-error.ts'
import type { Principal, Service } from './service.ts'
import { createOriginPolicy, type OriginPolicy } from './origins.ts'
import {
  missingAuthentication,
  parseAuthorization,
  verifySignature,
  type SigV4Credentials,
} from './sigv4.ts'

/**
 * The edge: one HTTP endpoint for every emulated service, as LocalStack does.
 * A request is routed by the service in its SigV4 credential scope, because
 * the IoT control plane and the jobs data plane share paths such as
 * GET /things/{thingName}/jobs and differ only in how they are signed.
 */
export interface CredentialDirectory {
  lookup(
    accessKeyId: string,
  ): { readonly credentials: SigV4Credentials; readonly principal: Principal } | undefined
}

export interface EdgeOptions {
  /** Keyed by signing name: iot, execute-api, iot-jobs-data, … */
  readonly services: Readonly<Record<string, Service>>
  readonly credentials: CredentialDirectory
  readonly realNow?: () => number
  readonly isReady?: () => boolean
  readonly onError?: (error: unknown) => void
  readonly origins?: OriginPolicy
}

export type EdgeApp = (request: Request, rawPath?: string) => Promise<Response>

// Browsers call the AWS APIs directly; these are the headers the SDK sends and
// reads. `*` would not cover Authorization (Fetch spec), so they are named.
const CORS_HEADERS = {
  'access-control-allow-methods': 'GET, PUT, POST, PATCH, DELETE, HEAD, OPTIONS',
  'access-control-allow-headers':
    'authorization, content-type, x-amz-date, x-amz-user-agent, x-amz-content-sha256, x-amz-security-token, amz-sdk-invocation-id, amz-sdk-request',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype, etag',
  'access-control-max-age': '600',
}

function corsHeaders(request: Request, origins: OriginPolicy): Record<string, string> {
  const origin = request.headers.get('origin')
  return origin === null || !origins.isAllowedOrigin(origin)
    ? {}
    : { ...CORS_HEADERS, 'access-control-allow-origin': origin, vary: 'Origin' }
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': crypto.randomUUID(),
      ...headers,
    },
  })
}

export function errorResponse(error: AwsError, headers: Record<string, string> = {}): Response {
  return jsonResponse(
    error.status,
    { message: error.message, ...error.members },
    { 'x-amzn-errortype': error.type, ...headers },
  )
}

function parseJsonBody(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return {}
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown
  } catch {
    throw new AwsError('SerializationException', 400, 'The request body is not valid JSON.')
  }
}

export function createEdgeApp({
  services,
  credentials,
  realNow = Date.now,
  isReady = () => true,
  onError = (error) => console.error(error),
  origins = createOriginPolicy(),
}: EdgeOptions): EdgeApp {
  return async (request, rawPath) => {
    const url = new URL(request.url)
    const path = rawPath ?? url.pathname
    if (!origins.isAllowedHost(request.headers.get('host') ?? '')) {
      return errorResponse(
        new AwsError(
          'ForbiddenException',
          403,
          'The local cloud answers only requests addressed to a loopback host.',
        ),
      )
    }
    const cors = corsHeaders(request, origins)
    if (request.method === 'OPTIONS') {
      return new Response(null, {
        status:
          request.headers.get('origin') !== null && Object.keys(cors).length === 0 ? 403 : 204,
        headers: cors,
      })
    }
    if (path === '/_fleetdeck/health') {
      return isReady()
        ? jsonResponse(200, { status: 'ready' }, cors)
        : jsonResponse(503, { status: 'starting' }, cors)
    }
    try {
      // The signature covers the path after dot segments are resolved; routing must not see another one.
      if (path.split('/').some((segment) => segment === '.' || segment === '..')) {
        throw invalidRequest('Paths may not contain "." or ".." segments.')
      }
      const body = new Uint8Array(await request.arrayBuffer())
      const scope = parseAuthorization(request.headers.get('authorization'))
      if (scope === undefined) throw missingAuthentication()
      const caller = credentials.lookup(scope.accessKeyId)
      if (caller === undefined) {
        throw new AwsError(
          'UnrecognizedClientException',
          403,
          'The security token included in the request is invalid.',
        )
      }
      const signatureError = await verifySignature(
        { method: request.method, url, rawPath: path, headers: request.headers, body },
        scope,
        caller.credentials,
        realNow(),
        REGION,
      )
      if (signatureError !== undefined) throw signatureError
      if (
        caller.credentials.sessionToken !== undefined &&
        request.headers.get('x-amz-security-token') !== caller.credentials.sessionToken
      ) {
        throw new AwsError(
          'UnrecognizedClientException',
          403,
          'The security token included in the request is invalid.',
        )
      }

      const service = services[scope.service]
      if (service === undefined) throw notImplemented(`the "${scope.service}" service`)
      const match = service.router.match(request.method, path)
      if (match === undefined)
        throw notImplemented(`${request.method} ${path} on ${service.displayName}`)
      const operation = match.value
      if (operation.access === 'write' && caller.principal.role === 'viewer') {
        throw new AwsError(
          'AccessDeniedException',
          403,
          `User: ${caller.principal.accessKeyId} is not authorized to perform: ${operation.name} (viewers have read-only access).`,
        )
      }
      const result = await operation.handle({
        params: match.params,
        query: url.searchParams,
        body: parseJsonBody(body),
        principal: caller.principal,
      })
      return jsonResponse(operation.successStatus ?? 200, result ?? {}, cors)
    } catch (error) {
      if (error instanceof AwsError) return errorResponse(error, cors)
      onError(error)
      return errorResponse(
        internalFailure('The local cloud failed to handle the request; see its log.'),
        cors,
      )
    }
  }
}
