import { NoSessionError } from '@/lib/auth/session-credentials.ts'
import { corsRefusalMessage } from './cors-refusal.ts'
import { failedRequestOf } from './failed-requests.ts'

/**
 * SDK errors in an operator's words. The SDK's service exceptions carry the
 * AWS error code as `name` (AccessDeniedException, ThrottlingException, S3's
 * AccessDenied…); their `message` is AWS's own, which is kept where it says
 * something the operator can act on (InvalidRequestException's reasons).
 */
const codeOf = (error: unknown): string | undefined =>
  error instanceof Error ? error.name : undefined

const THROTTLING = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'SlowDown',
  'RequestLimitExceeded',
])
const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedException',
  'ForbiddenException',
  'NotAuthorizedException',
])
const NOT_FOUND = new Set(['ResourceNotFoundException', 'NoSuchKey', 'NotFound', 'NoSuchBucket'])
const EXPIRED = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidAccessKeyId',
  'UnrecognizedClientException',
])
const UNAVAILABLE = new Set([
  'ServiceUnavailableException',
  'ServiceUnavailable',
  'InternalFailureException',
  'InternalFailure',
  'InternalError',
  'InternalServerException',
])

/** AWS asks for a slower pace: the only failure worth retrying automatically. */
export function isThrottlingError(error: unknown): boolean {
  const code = codeOf(error)
  return code !== undefined && THROTTLING.has(code)
}

export function isAccessDeniedError(error: unknown): boolean {
  const code = codeOf(error)
  return code !== undefined && ACCESS_DENIED.has(code)
}

export function isNotFoundError(error: unknown): boolean {
  const code = codeOf(error)
  if (code !== undefined && NOT_FOUND.has(code)) return true
  // HeadObject has no body, so the SDK reports a 404 by status alone.
  return (
    (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata
      ?.httpStatusCode === 404
  )
}

/**
 * S3 refused a conditional write (If-None-Match: *, If-Match): the key was
 * taken, or changed, meanwhile.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 */
export function isPreconditionFailedError(error: unknown): boolean {
  return codeOf(error) === 'PreconditionFailed'
}

export function isSessionError(error: unknown): boolean {
  const code = codeOf(error)
  return error instanceof NoSessionError || (code !== undefined && EXPIRED.has(code))
}

/**
 * One sentence for the place the error happened. `action` completes
 * "Could not …", for example "load the fleet" or "upload the firmware".
 */
export function awsErrorMessage(error: unknown, action: string): string {
  if (isSessionError(error)) return `Could not ${action}: your session has expired. Sign in again.`
  if (isAccessDeniedError(error))
    return `Could not ${action}: your role is not allowed to do this. Ask an administrator for access.`
  if (isThrottlingError(error))
    return `Could not ${action}: AWS is throttling requests. Wait a moment and try again.`
  if (isNotFoundError(error)) return `Could not ${action}: it does not exist (any more).`
  const code = codeOf(error)
  if (code !== undefined && UNAVAILABLE.has(code))
    return `Could not ${action}: AWS had a temporary problem. Try again in a moment.`
  // fetch() rejects with a TypeError when the network or CORS refuses;
  // failed-requests.ts has probed which, and for which call.
  if (error instanceof TypeError) {
    const failed = failedRequestOf(error)
    if (failed?.cause === 'cors') return corsRefusalMessage(failed, action)
    const where = failed === undefined ? '' : ` (${new URL(failed.url).host})`
    return `Could not ${action}: AWS could not be reached${where}. Check the network connection.`
  }
  const detail = error instanceof Error && error.message !== '' ? error.message : String(error)
  return `Could not ${action}: ${detail}`
}
