import type { IncomingMessage } from 'node:http'
import { REGION } from '../config.ts'
import type { Caller, CredentialDirectory } from '../edge/authenticate.ts'
import { MAX_CLOCK_SKEW_MS, parseAmzDate } from '../edge/sigv4.ts'
import { EMPTY_SHA256 } from '../edge/sigv4-crypto.ts'
import { expectedQuerySignature, parseQueryAuthorization } from '../edge/sigv4-query.ts'

/**
 * SigV4 for MQTT over WebSocket, as AWS IoT checks it: `GET /mqtt` signed in
 * the query string for the service `iotdevicegateway`, with the empty
 * payload's hash. AWS's guide appends `X-Amz-Security-Token` after signing
 * (outside the canonical query), while SDK presigners sign it with the rest;
 * AWS IoT accepts both, so both are tried.
 * https://docs.aws.amazon.com/iot/latest/developerguide/protocols.html#mqtt-ws
 */
export const WEBSOCKET_SIGNING_SERVICE = 'iotdevicegateway'

export type WebSocketAuthResult = Caller | { readonly status: 401 | 403; readonly reason: string }

function withoutToken(url: URL): URL {
  const copy = new URL(url)
  copy.searchParams.delete('X-Amz-Security-Token')
  return copy
}

export function authenticateWebSocket(
  request: IncomingMessage,
  directory: CredentialDirectory,
  realNowMs: number,
): WebSocketAuthResult {
  const url = new URL(request.url ?? '/', 'http://edge')
  const scope = parseQueryAuthorization(url)
  if (scope === undefined) return { status: 401, reason: 'The URL carries no SigV4 signature.' }
  const signedAt = parseAmzDate(scope.amzDate)
  if (
    scope.service !== WEBSOCKET_SIGNING_SERVICE ||
    scope.region !== REGION ||
    signedAt === undefined ||
    !scope.signedHeaders.includes('host')
  ) {
    return {
      status: 403,
      reason: `Sign for ${WEBSOCKET_SIGNING_SERVICE} in ${REGION}, with X-Amz-Date and the host header.`,
    }
  }
  const validUntil = Number.isNaN(scope.expiresInSeconds)
    ? signedAt.getTime() + MAX_CLOCK_SKEW_MS
    : signedAt.getTime() + scope.expiresInSeconds * 1000
  if (realNowMs > validUntil || signedAt.getTime() - realNowMs > MAX_CLOCK_SKEW_MS) {
    return { status: 403, reason: 'The signed URL has expired.' }
  }
  const caller = directory.lookup(scope.accessKeyId)
  if (caller === undefined) return { status: 403, reason: 'Unknown access key.' }
  const token = caller.credentials.sessionToken
  if (token !== undefined && scope.sessionToken !== token) {
    return { status: 403, reason: 'The security token is missing or invalid.' }
  }
  if (caller.expiresAtMs !== undefined && realNowMs >= caller.expiresAtMs) {
    return { status: 403, reason: 'The security token has expired.' }
  }
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value)
  }
  const signed = (candidate: URL) =>
    expectedQuerySignature(
      { method: 'GET', url: candidate, rawPath: url.pathname, headers, body: new Uint8Array() },
      scope,
      caller.credentials.secretAccessKey,
      url.pathname,
      EMPTY_SHA256,
    ) === scope.signature
  if (!signed(url) && !signed(withoutToken(url))) {
    return { status: 403, reason: 'The signature does not match.' }
  }
  return caller
}
