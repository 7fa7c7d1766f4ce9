/**
 * Why a token refresh failed. Only these mean the refresh token is dead and
 * the user must sign in again; Amplify clears its tokens for exactly these
 * (TokenOrchestrator.isAuthenticationError, amplify-js#14534) and keeps
 * them for anything else: a network drop, throttling, a Cognito outage.
 */
const AUTH_FAILURES = [
  'NotAuthorizedException',
  'TokenRevokedException',
  'UserNotFoundException',
  'PasswordResetRequiredException',
  'UserNotConfirmedException',
  'RefreshTokenReuseException',
] as const

export type RefreshFailure = 'auth' | 'transient'

export function refreshFailureOf(error: unknown): RefreshFailure {
  const name = error instanceof Error ? error.name : ''
  return AUTH_FAILURES.some((failure) => name.startsWith(failure)) ? 'auth' : 'transient'
}

const FIRST_RETRY_MS = 5_000
const MAX_RETRY_MS = 60_000

/** After a transient failure the refresh is retried: 5 s, 10 s, 20 s… up to a minute. */
export function refreshRetryDelayMs(failures: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(failures - 1, 0), MAX_RETRY_MS)
}
