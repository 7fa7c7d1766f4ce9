/**
 * An error as an AWS restJson1 service returns it: the modelled HTTP status,
 * the type in `x-amzn-ErrorType`, and `{"message": …}` plus any modelled
 * members in the body. The SDK turns these back into typed exceptions
 * (`instanceof ResourceNotFoundException`).
 */
export class AwsError extends Error {
  override readonly name = 'AwsError'

  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
    readonly members: Readonly<Record<string, unknown>> = {},
  ) {
    super(message)
  }
}

export const invalidRequest = (message: string) =>
  new AwsError('InvalidRequestException', 400, message)
export const resourceNotFound = (message: string) =>
  new AwsError('ResourceNotFoundException', 404, message)
export const resourceAlreadyExists = (message: string, resourceId: string, resourceArn?: string) =>
  new AwsError('ResourceAlreadyExistsException', 409, message, { resourceId, resourceArn })
export const versionConflict = (message: string) =>
  new AwsError('VersionConflictException', 409, message)
export const invalidStateTransition = (message: string) =>
  new AwsError('InvalidStateTransitionException', 409, message)
export const conflict = (message: string) => new AwsError('ConflictException', 409, message)
// The IoT model returns LimitExceededException as 410, not 429.
export const limitExceeded = (message: string) =>
  new AwsError('LimitExceededException', 410, message)
export const unauthorized = (message: string) => new AwsError('UnauthorizedException', 401, message)
export const internalFailure = (message: string) =>
  new AwsError('InternalFailureException', 500, message)

/** For operations a real AWS service has but the local cloud does not emulate. */
export const notImplemented = (operation: string) =>
  new AwsError(
    'NotImplementedException',
    501,
    `The Fleetdeck local cloud does not implement ${operation}. See docs/local-cloud.md for what it covers.`,
  )
