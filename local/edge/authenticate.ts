import { REGION } from '../config.ts'
import { failure, signatureFailure, type AuthDialect } from './auth-failures.ts'
import type { EdgeRequest } from './edge-request.ts'
import type { Principal } from './service.ts'
import {
  MAX_PRESIGNED_EXPIRY_SECONDS,
  expectedQuerySignature,
  parseQueryAuthorization,
} from './sigv4-query.ts'
import {
  parseAmzDate,
  parseAuthorization,
  MAX_CLOCK_SKEW_MS,
  sameSignature,
  unsignedAmzHeaders,
  verifySignature,
  type SigV4Credentials,
  type SignatureScope,
} from './sigv4.ts'

export type { AuthDialect }

/** Who holds an access key: its secret, the principal it acts as, and when it stops working. */
export interface Caller {
  readonly credentials: SigV4Credentials
  readonly principal: Principal
  /** Real (wall-clock) time at which temporary credentials expire. */
  readonly expiresAtMs?: number
}

export interface CredentialDirectory {
  lookup(accessKeyId: string): Caller | undefined
}

/** The signing service of a request, from its Authorization header or its query; undefined when unsigned. */
export function signingServiceOf(request: EdgeRequest): string | undefined {
  return (
    parseAuthorization(request.headers.get('authorization')) ?? parseQueryAuthorization(request.url)
  )?.service
}

function findCaller(
  directory: CredentialDirectory,
  scope: SignatureScope,
  presentedToken: string | null | undefined,
  realNowMs: number,
  dialect: AuthDialect,
): Caller {
  const caller = directory.lookup(scope.accessKeyId)
  if (caller === undefined) throw failure('unknownKey', dialect)
  const expected = caller.credentials.sessionToken
  if (expected !== undefined && presentedToken !== expected) throw failure('badToken', dialect)
  if (caller.expiresAtMs !== undefined && realNowMs >= caller.expiresAtMs) {
    throw failure('expiredToken', dialect)
  }
  return caller
}

/**
 * Verifies a SigV4 signature, in the Authorization header or in the query
 * string, and returns who signed. Times are real wall-clock times: AWS checks
 * signatures and credential expiry against its own clock, and the emulated
 * clock may run faster.
 */
export async function authenticate(
  request: EdgeRequest,
  directory: CredentialDirectory,
  realNowMs: number,
  dialect: AuthDialect,
): Promise<Caller> {
  const headerScope = parseAuthorization(request.headers.get('authorization'))
  if (headerScope !== undefined) {
    const caller = findCaller(
      directory,
      headerScope,
      request.headers.get('x-amz-security-token'),
      realNowMs,
      dialect,
    )
    const problem = await verifySignature(
      request,
      headerScope,
      caller.credentials,
      realNowMs,
      REGION,
    )
    if (problem !== undefined) throw signatureFailure(problem, dialect)
    return caller
  }

  const queryScope = parseQueryAuthorization(request.url)
  if (queryScope === undefined) {
    throw failure(
      request.url.searchParams.has('X-Amz-Algorithm') ? 'incompleteQuery' : 'missing',
      dialect,
    )
  }
  // Only S3 takes pre-signed URLs here. Other services would have to hash a
  // body the URL cannot sign, and a page could replay an admin URL at them.
  if (queryScope.service !== 's3') throw failure('queryNotAccepted', dialect)
  const signedAt = parseAmzDate(queryScope.amzDate)
  if (
    signedAt === undefined ||
    !queryScope.signedHeaders.includes('host') ||
    !(
      queryScope.expiresInSeconds >= 1 &&
      queryScope.expiresInSeconds <= MAX_PRESIGNED_EXPIRY_SECONDS
    )
  ) {
    throw failure('incompleteQuery', dialect)
  }
  const caller = findCaller(directory, queryScope, queryScope.sessionToken, realNowMs, dialect)
  if (queryScope.region !== REGION) throw failure('badSignature', dialect)
  if (unsignedAmzHeaders(request.headers, queryScope.signedHeaders).length > 0) {
    throw failure('unsignedHeaders', dialect)
  }
  const expected = expectedQuerySignature(
    request,
    queryScope,
    caller.credentials.secretAccessKey,
    request.rawPath,
    'UNSIGNED-PAYLOAD',
  )
  if (!sameSignature(expected, queryScope.signature)) throw failure('badSignature', dialect)
  // Checked after the signature, as S3 does, so a forged URL never learns whether it expired.
  if (signedAt.getTime() - realNowMs > MAX_CLOCK_SKEW_MS) throw failure('urlNotYetValid', dialect)
  if (realNowMs > signedAt.getTime() + queryScope.expiresInSeconds * 1000) {
    throw failure('urlExpired', dialect)
  }
  return caller
}
