import { timingSafeEqual } from 'node:crypto'
import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import { INCORRECT_CREDENTIALS, invalidParameter, notAuthorized } from '../../errors.ts'
import { optionalString, optionalStringMap, requiredString, type Input } from '../../input.ts'
import { assertPasswordConforms } from '../passwords.ts'
import { assertMaySignIn, clientAndPool, finishSignIn, type ClientAndPool } from '../sign-in.ts'
import { passwordAuthenticationKey, passwordClaimSignature, srpPoolName } from '../srp.ts'
import { parseSrpTimestamp, TIMESTAMP_FORMAT_MESSAGE } from '../srp-timestamp.ts'
import type { UserPoolContext } from '../user-pool-context.ts'

/**
 * RespondToAuthChallenge, unsigned as in AWS, for PASSWORD_VERIFIER (the
 * second step of SRP) and NEW_PASSWORD_REQUIRED (a user on a temporary
 * password sets one).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
 */

/** How far TIMESTAMP may be from the server's clock; AWS does not document a bound. */
export const MAX_TIMESTAMP_SKEW_MS = 5 * 60_000

function response(responses: Record<string, string>, name: string): string {
  const value = responses[name]
  if (value === undefined || value === '')
    throw invalidParameter(`Missing required parameter ${name}`)
  return value
}

const sameSignature = (expected: string, presented: string) => {
  const a = Buffer.from(expected, 'base64')
  const b = Buffer.from(presented, 'base64')
  return a.length === b.length && timingSafeEqual(a, b)
}

async function passwordVerifier(
  context: UserPoolContext,
  target: ClientAndPool,
  responses: Record<string, string>,
  origin: string,
) {
  const name = response(responses, 'USERNAME')
  const secretBlock = response(responses, 'PASSWORD_CLAIM_SECRET_BLOCK')
  const signature = response(responses, 'PASSWORD_CLAIM_SIGNATURE')
  const timestamp = parseSrpTimestamp(response(responses, 'TIMESTAMP'))
  if (timestamp.kind === 'malformed') throw invalidParameter(TIMESTAMP_FORMAT_MESSAGE)

  // The secret block answers once; an unknown, expired or spent one is refused like a wrong password.
  const challenge = context.srpChallenges.take(secretBlock)
  const user = context.users.find(target.pool, name)
  if (
    challenge === undefined ||
    !challenge.userExists ||
    challenge.clientId !== target.client.clientId ||
    challenge.userPoolId !== target.pool.id ||
    user === undefined ||
    user.username !== challenge.userIdForSrp ||
    // A password changed since InitiateAuth makes the challenge stale.
    user.password.verifier !== challenge.verifier ||
    timestamp.kind !== 'ok' ||
    Math.abs(context.realNow() - timestamp.ms) > MAX_TIMESTAMP_SKEW_MS
  ) {
    throw notAuthorized(INCORRECT_CREDENTIALS)
  }
  const key = passwordAuthenticationKey(
    challenge.clientEphemeral,
    challenge.serverEphemeral,
    challenge.verifier,
  )
  const expected =
    key &&
    passwordClaimSignature(
      key,
      srpPoolName(target.pool.id),
      challenge.userIdForSrp,
      secretBlock,
      responses.TIMESTAMP ?? '',
    )
  if (expected === undefined || !sameSignature(expected, signature)) {
    throw notAuthorized(INCORRECT_CREDENTIALS)
  }
  assertMaySignIn(context, target.pool, user)
  return finishSignIn(context, target, user, origin)
}

/**
 * `userAttributes.<name>` responses: attributes the user sets with the new
 * password, subject to what an app client may write.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
 */
function attributeResponses(responses: Record<string, string>): Record<string, string> {
  const prefix = 'userAttributes.'
  return Object.fromEntries(
    Object.entries(responses)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, value]) => [name.slice(prefix.length), value]),
  )
}

async function newPasswordRequired(
  context: UserPoolContext,
  target: ClientAndPool,
  responses: Record<string, string>,
  sessionToken: string | undefined,
  origin: string,
) {
  const name = response(responses, 'USERNAME')
  const password = response(responses, 'NEW_PASSWORD')
  const challenge =
    sessionToken === undefined ? undefined : context.newPasswordChallenges.find(sessionToken)
  if (challenge === undefined) {
    throw notAuthorized('Invalid session for the user, session is expired.')
  }
  const user = context.users.find(target.pool, name)
  if (
    challenge.clientId !== target.client.clientId ||
    challenge.userPoolId !== target.pool.id ||
    user === undefined ||
    user.username !== challenge.username ||
    user.status !== 'FORCE_CHANGE_PASSWORD'
  ) {
    throw notAuthorized('Invalid session for the user.')
  }
  // Checked before the session closes, so a rejected password or attribute
  // can be corrected within it. Only attributes a user may write are taken:
  // never `sub`, the verified flags or anything outside the schema, such as
  // the `cognito:` claims the identity pool chooses a role by.
  assertPasswordConforms(target.pool.passwordPolicy, password)
  const withAttributes = context.users.updateAttributes(
    target.pool,
    user,
    attributeResponses(responses),
    'user',
  )
  context.newPasswordChallenges.close(sessionToken ?? '')
  const confirmed = context.users.setPassword(target.pool, withAttributes, password, true)
  return finishSignIn(context, target, confirmed, origin)
}

export const respondToAuthChallenge = (context: UserPoolContext): RpcOperation => ({
  auth: 'none',
  handle: (input: Input, call) => {
    const challengeName = requiredString(input, 'ChallengeName')
    const target = clientAndPool(context, input)
    const responses = optionalStringMap(input, 'ChallengeResponses')
    switch (challengeName) {
      case 'PASSWORD_VERIFIER':
        return passwordVerifier(context, target, responses, call.origin)
      case 'NEW_PASSWORD_REQUIRED':
        return newPasswordRequired(
          context,
          target,
          responses,
          optionalString(input, 'Session'),
          call.origin,
        )
      default:
        throw invalidParameter(
          `The Fleetdeck local cloud does not emulate the ${challengeName} challenge; it answers only PASSWORD_VERIFIER and NEW_PASSWORD_REQUIRED.`,
        )
    }
  },
})
