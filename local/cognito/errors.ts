import { AwsError } from '../edge/aws-error.ts'

/**
 * Cognito's errors as both services model them (awsJson1.1: the type in
 * `__type` and `x-amzn-ErrorType`, 400 for client errors). Messages are
 * Cognito's own where they are known, because apps match on some of them
 * ("Incorrect username or password.").
 */
export const invalidParameter = (message: string) =>
  new AwsError('InvalidParameterException', 400, message)
export const notAuthorized = (message: string) =>
  new AwsError('NotAuthorizedException', 400, message)
export const resourceNotFound = (message: string) =>
  new AwsError('ResourceNotFoundException', 400, message)
export const userNotFound = () => new AwsError('UserNotFoundException', 400, 'User does not exist.')
export const invalidPassword = (message: string) =>
  new AwsError('InvalidPasswordException', 400, message)

export const INCORRECT_CREDENTIALS = 'Incorrect username or password.'
