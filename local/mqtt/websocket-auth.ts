import type { IncomingMessage } from 'node:http'
import { REGION } from '../config.ts'
import type { Caller, CredentialDirectory } from '../edge/authenticate.ts'
import { MAX_CLOCK_SKEW_MS, parseAmzDate, sameSignature } from '../edge/sigv4.ts'
import { EMPTY_SHA256 } from '../edge/sigv4-crypto.ts'
import {
  expectedQuerySignature,
  MAX_PRESIGNED_EXPIRY_SECONDS,
  parseQueryAuthorization,
} from '../edge/sigv4-query.ts'

/**
 * SigV4 for MQTT over WebSocket, as AWS IoT checks it: `GET /mqtt` signed in
 * the query string for the service `iotdevicegateway`, with the empty
 * payload's hash. AWS's guide appends `X-Amz-Security-Token` after signing
 * (outside the canonical query), while SDK presigners sign it with the rest;
 * AWS IoT accepts both, so both are tried. An unknown access key, a wrong
 * session token and a wrong signature get one answer, so the URL's signer
 * learns nothing about which keys exist.
 * https://docs.aws.amazon.com/iot/latest/developerguide/protocols.html#mqtt-ws
 */
export const WEBSOCKET_SIGNING_SERVICE = 'iotdevicegateway'

export type WebSocketAuthResult = Caller | { readonly status: 401 | 403; readonly reason: string }

const REFUSED = 'The signature, access key or security token is not valid.'

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
  if (scope.expiresInSeconds > MAX_PRESIGNED_EXPIRY_SECONDS || scope.expiresInSeconds < 1) {
    return {
      status: 403,
      reason: `X-Amz-Expires must be between 1 and ${String(MAX_PRESIGNED_EXPIRY_SECONDS)} seconds.`,
    }
  }
  const validUntil = Number.isNaN(scope.expiresInSeconds)
    ? signedAt.getTime() + MAX_CLOCK_SKEW_MS
    : signedAt.getTime() + scope.expiresInSeconds * 1000
  if (realNowMs > validUntil || signedAt.getTime() - realNowMs > MAX_CLOCK_SKEW_MS) {
    return { status: 403, reason: 'The signed URL has expired.' }
  }
  const caller = directory.lookup(scope.accessKeyId)
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value)
  }
  // An unknown key is checked against a secret nobody holds, so it fails as a bad signature does.
  const secret = caller?.credentials.secretAccessKey ?? `unknown:${scope.accessKeyId}`
  const signed = (candidate: URL) =>
    sameSignature(
      expectedQuerySignature(
        { method: 'GET', url: candidate, rawPath: url.pathname, headers, body: new Uint8Array() },
        scope,
        secret,
        url.pathname,
        EMPTY_SHA256,
      ),
      scope.signature,
    )
  const token = caller?.credentials.sessionToken
  if (
    caller === undefined ||
    !(signed(url) || signed(withoutToken(url))) ||
    (token !== undefined && !sameSignature(token, scope.sessionToken ?? ''))
  ) {
    return { status: 403, reason: REFUSED }
  }
  if (caller.expiresAtMs !== undefined && realNowMs >= caller.expiresAtMs) {
    return { status: 403, reason: 'The security token has expired.' }
  }
  return caller
}
