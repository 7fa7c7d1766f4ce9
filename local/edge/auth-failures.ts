import { AwsError } from './aws-error.ts'
import type { SignatureFailure } from './sigv4.ts'

/**
 * Error codes differ by front door: the JSON services answer
 * `UnrecognizedClientException`, S3 answers `InvalidAccessKeyId`, and so on.
 */
export type AuthDialect = 'json' | 's3'

export type Failure =
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

export function failure(kind: Failure, dialect: AuthDialect): AwsError {
  const [type, status, message] = FAILURES[kind][dialect]
  return new AwsError(type, status, message)
}

/** The JSON services tell the caller exactly what was wrong; S3 keeps to its fixed messages. */
export function signatureFailure(
  { kind, detail }: SignatureFailure,
  dialect: AuthDialect,
): AwsError {
  const error = failure(kind, dialect)
  return dialect === 'json' && kind !== 'badSignature'
    ? new AwsError(error.type, error.status, detail)
    : error
}
