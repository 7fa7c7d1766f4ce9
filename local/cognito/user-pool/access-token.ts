import { notAuthorized, userNotFound } from '../errors.ts'
import type { CognitoUserRecord, UserPoolRecord } from '../records.ts'
import type { TokenFailure } from './token-verification.ts'
import type { UserPoolContext } from './user-pool-context.ts'

/**
 * The user an access token speaks for (GetUser, GlobalSignOut): operations
 * that take an access token instead of a signature. Failures are worded as
 * Cognito words them.
 */
const FAILURE_MESSAGES: Record<TokenFailure, string> = {
  malformed: 'Invalid Access Token',
  badSignature: 'Invalid Access Token',
  wrongUse: 'Invalid Access Token',
  expired: 'Access Token has expired',
  revoked: 'Access Token has been revoked',
}

export async function userOfAccessToken(
  context: UserPoolContext,
  accessToken: string,
): Promise<{ pool: UserPoolRecord; user: CognitoUserRecord }> {
  const verified = await context.tokens.verify(accessToken, 'access')
  if (!verified.ok) throw notAuthorized(FAILURE_MESSAGES[verified.failure])
  const username = verified.claims.username
  const user =
    typeof username === 'string' ? context.users.find(verified.pool, username) : undefined
  if (user === undefined) throw userNotFound()
  if (!user.enabled) throw notAuthorized('User is disabled.')
  return { pool: verified.pool, user }
}
