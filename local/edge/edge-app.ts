import { AwsError } from './aws-error.ts'
import { authenticate, type CredentialDirectory } from './authenticate.ts'
import type { EdgeRequest } from './edge-request.ts'
import type { EdgeContext, Frontend } from './frontend.ts'
import { createOriginPolicy, type OriginPolicy } from './origins.ts'
import { errorResponse, jsonResponse } from './responses.ts'

/**
 * The edge: one HTTP endpoint for every emulated service, as LocalStack does.
 * It enforces the loopback host and origin policy, answers CORS preflights
 * and the health check, and hands each request to the first frontend that
 * claims it; the last frontend is the fallback.
 */
export interface EdgeOptions {
  /** Asked in order; the last one answers whatever nobody else claims. */
  readonly frontends: readonly [...Frontend[], Frontend]
  readonly credentials: CredentialDirectory
  readonly realNow?: () => number
  readonly isReady?: () => boolean
  readonly onError?: (error: unknown) => void
  readonly origins?: OriginPolicy
}

export type EdgeApp = (request: Request, rawPath?: string) => Promise<Response>

// Browsers call the AWS APIs directly; these are the headers the SDK and
// Amplify send and read. `*` would not cover Authorization (Fetch spec), so
// they are named.
const CORS_HEADERS = {
  'access-control-allow-methods': 'GET, PUT, POST, PATCH, DELETE, HEAD, OPTIONS',
  'access-control-allow-headers':
    'authorization, content-type, x-amz-date, x-amz-user-agent, x-amz-content-sha256, x-amz-security-token, x-amz-target, amz-sdk-invocation-id, amz-sdk-request, cache-control',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype, etag',
  'access-control-max-age': '600',
}

function corsHeaders(request: Request, origins: OriginPolicy): Record<string, string> {
  const origin = request.headers.get('origin')
  return origin === null || !origins.isAllowedOrigin(origin)
    ? {}
    : { ...CORS_HEADERS, 'access-control-allow-origin': origin, vary: 'Origin' }
}

export function createEdgeApp({
  frontends,
  credentials,
  realNow = Date.now,
  isReady = () => true,
  onError = (error) => console.error(error),
  origins = createOriginPolicy(),
}: EdgeOptions): EdgeApp {
  const fallback = frontends[frontends.length - 1] as Frontend
  return async (incoming, rawPath) => {
    const url = new URL(incoming.url)
    if (!origins.isAllowedHost(incoming.headers.get('host') ?? '')) {
      return errorResponse(
        new AwsError(
          'ForbiddenException',
          403,
          'The local cloud answers only requests addressed to a loopback host.',
        ),
      )
    }
    const cors = corsHeaders(incoming, origins)
    // The admin key is public, so a page the developer visits could sign with
    // it. Browsers send "simple" requests without a preflight, so refusing to
    // share the answer is not enough: refuse the request itself when it comes
    // from a foreign origin, or from a cross-site page that hides its origin.
    const origin = incoming.headers.get('origin')
    const foreign =
      origin !== null
        ? !origins.isAllowedOrigin(origin)
        : incoming.headers.get('sec-fetch-site') === 'cross-site'
    if (foreign && incoming.method !== 'OPTIONS') {
      return errorResponse(
        new AwsError(
          'ForbiddenException',
          403,
          `Requests from ${origin ?? 'another site'} are refused; allow an origin with FLEETDECK_CORS_ORIGINS.`,
        ),
      )
    }
    const request: EdgeRequest = {
      method: incoming.method,
      url,
      rawPath: rawPath ?? url.pathname,
      headers: incoming.headers,
      body: new Uint8Array(await incoming.arrayBuffer()),
    }
    const frontend = frontends.find((candidate) => candidate.claims(request)) ?? fallback
    if (request.method === 'OPTIONS') {
      const own = frontend.preflight?.(request)
      if (own !== undefined) return own
      return new Response(null, {
        status:
          incoming.headers.get('origin') !== null && Object.keys(cors).length === 0 ? 403 : 204,
        headers: cors,
      })
    }
    if (request.rawPath === '/_fleetdeck/health') {
      return isReady()
        ? jsonResponse(200, { status: 'ready' }, cors)
        : jsonResponse(503, { status: 'starting' }, cors)
    }
    const context: EdgeContext = {
      authenticate: (signed, dialect) => authenticate(signed, credentials, realNow(), dialect),
      cors,
      realNow,
      onError,
    }
    return frontend.handle(request, context)
  }
}
