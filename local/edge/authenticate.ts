import { REGION } from '../config.ts'
import { AwsError } from './aws-error.ts'
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
  type SignatureFailure,
  type SigV4Credentials,
  type SignatureScope,
} from './sigv4.ts'

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

/**
 * Error codes differ by front door: the JSON services answer
 * `UnrecognizedClientException`, S3 answers `InvalidAccessKeyId`, and so on.
 */
export type AuthDialect = 'json' | 's3'

type Failure =
  | SignatureFailure['kind']
  | 'missing'
  | 'unknownKey'
  | 'badToken'
  | 'expiredToken'
  | 'incompleteQuery'
  | 'queryNotAccepted'
  | 'urlNotYetValid'
  | 'urlExpired'

const FAILURES: Record<
  Failure,
  Record<AuthDialect, [type: string, status: number, message: string]>
> = {
  missing: {
    json: ['MissingAuthenticationTokenException', 403, 'Missing Authentication Token'],
    s3: ['AccessDenied', 403, 'Access Denied'],
  },
  unknownKey: {
    json: [
      'UnrecognizedClientException',
      403,
      'The security token included in the request is invalid.',
    ],
    s3: [
      'InvalidAccessKeyId',
      403,
      'The AWS Access Key Id you provided does not exist in our records.',
    ],
  },
  badToken: {
    json: [
      'UnrecognizedClientException',
      403,
      'The security token included in the request is invalid.',
    ],
    s3: ['InvalidToken', 400, 'The provided token is malformed or otherwise invalid.'],
  },
  expiredToken: {
    json: ['ExpiredTokenException', 403, 'The security token included in the request is expired'],
    s3: ['ExpiredToken', 400, 'The provided token has expired.'],
  },
  badSignature: {
    json: [
      'InvalidSignatureException',
      403,
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    ],
    s3: [
      'SignatureDoesNotMatch',
      403,
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    ],
  },
  incomplete: {
    json: [
      'IncompleteSignatureException',
      403,
      'The request signature is incomplete or malformed.',
    ],
    s3: ['AccessDenied', 403, 'AWS authentication requires a valid Date or x-amz-date header'],
  },
  skewed: {
    json: ['InvalidSignatureException', 403, 'Signature expired.'],
    s3: [
      'RequestTimeTooSkewed',
      403,
      'The difference between the request time and the current time is too large.',
    ],
  },
  wrongRegion: {
    json: ['InvalidSignatureException', 403, 'Credential should be scoped to a valid region.'],
    s3: [
      'AuthorizationHeaderMalformed',
      400,
      "The authorization header is malformed; the region is wrong; expecting 'us-east-1'",
    ],
  },
  payloadMismatch: {
    json: ['InvalidSignatureException', 403, 'The payload hash does not match the body.'],
    s3: [
      'XAmzContentSHA256Mismatch',
      400,
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    ],
  },
  incompleteQuery: {
    json: [
      'IncompleteSignatureException',
      403,
      'The request signature is incomplete or malformed.',
    ],
    s3: [
      'AuthorizationQueryParametersError',
      400,
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    ],
  },
  unsignedHeaders: {
    json: [
      'InvalidSignatureException',
      403,
      'There were headers present in the request which were not signed.',
    ],
    s3: ['AccessDenied', 403, 'There were headers present in the request which were not signed'],
  },
  badContentSha256: {
    json: ['InvalidSignatureException', 403, "x-amz-content-sha256 must be the body's SHA-256."],
    s3: [
      'InvalidArgument',
      400,
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, or a valid sha256 value.',
    ],
  },
  queryNotAccepted: {
    json: [
      'MissingAuthenticationTokenException',
      403,
      'Only S3 accepts signatures in the query string.',
    ],
    s3: ['AccessDenied', 403, 'Access Denied'],
  },
  urlNotYetValid: {
    json: ['InvalidSignatureException', 403, 'Signature not yet current.'],
    s3: ['AccessDenied', 403, 'Request is not valid yet'],
  },
  urlExpired: {
    json: ['InvalidSignatureException', 403, 'Signature expired.'],
    s3: ['AccessDenied', 403, 'Request has expired'],
  },
}

function failure(kind: Failure, dialect: AuthDialect): AwsError {
  const [type, status, message] = FAILURES[kind][dialect]
  return new AwsError(type, status, message)
}

/** The JSON services tell the caller exactly what was wrong; S3 keeps to its fixed messages. */
function signatureFailure({ kind, detail }: SignatureFailure, dialect: AuthDialect): AwsError {
  const error = failure(kind, dialect)
  return dialect === 'json' && kind !== 'badSignature'
    ? new AwsError(error.type, error.status, detail)
    : error
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
