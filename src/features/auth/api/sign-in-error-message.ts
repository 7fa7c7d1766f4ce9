/**
 * Cognito's sign-in refusals in an operator's words. Amplify rethrows
 * Cognito's error code as the error's `name`; NotAuthorizedException covers
 * several cases that only its message tells apart.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html#API_InitiateAuth_Errors
 */
export function signInErrorMessage(error: unknown): string {
  const name = error instanceof Error ? error.name : ''
  const message = error instanceof Error ? error.message : String(error)
  switch (name) {
    case 'NotAuthorizedException':
      if (/attempts exceeded/i.test(message))
        return 'Too many failed attempts. Wait a few minutes, then try again.'
      if (/disabled/i.test(message)) return 'This account is disabled. Ask an administrator.'
      if (/temporary password has expired/i.test(message))
        return 'Your temporary password has expired. Ask an administrator for a new one.'
      return 'Incorrect email or password.'
    case 'UserNotFoundException':
      return 'Incorrect email or password.'
    case 'PasswordResetRequiredException':
      return 'Your password must be reset before you can sign in. Ask an administrator.'
    case 'UserNotConfirmedException':
      return 'This account has not been confirmed yet. Ask an administrator.'
    case 'InvalidPasswordException':
      return `The new password is not accepted: ${message}`
    case 'LimitExceededException':
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
      return 'Too many attempts. Wait a few minutes, then try again.'
    case 'NetworkError':
    case 'TypeError':
      return 'The sign-in service could not be reached. Check the network connection.'
    default:
      return `Sign-in failed: ${message}`
  }
}
