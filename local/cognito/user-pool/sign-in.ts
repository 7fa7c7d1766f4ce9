import { AwsError } from '../../edge/aws-error.ts'
import { invalidParameter, notAuthorized } from '../errors.ts'
import { CLIENT_ID, matching, requiredString, type Input } from '../input.ts'
import type {
  AuthSessionRecord,
  CognitoUserRecord,
  UserPoolClientRecord,
  UserPoolRecord,
} from '../records.ts'
import { issueTokens, issuerOf, type IssuedTokens } from './tokens.ts'
import type { UserPoolContext } from './user-pool-context.ts'

/**
 * What InitiateAuth and RespondToAuthChallenge share: the app client and
 * its allowed flows, and how a sign-in ends, with a NEW_PASSWORD_REQUIRED
 * challenge for a user on a temporary password or with tokens.
 */
export interface ClientAndPool {
  readonly client: UserPoolClientRecord
  readonly pool: UserPoolRecord
}

export function clientAndPool(context: UserPoolContext, input: Input): ClientAndPool {
  const clientId = matching('ClientId', requiredString(input, 'ClientId'), CLIENT_ID)
  const client = context.clients.get(clientId)
  return { client, pool: context.pools.get(client.userPoolId) }
}

const LEGACY_FLOWS = new Set(['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH'])

/**
 * ExplicitAuthFlows: ALLOW_… values name each flow; a client with only the
 * legacy values (or none, which means SRP, custom and refresh) still allows
 * SRP and refresh.
 */
export function assertFlowAllowed(client: UserPoolClientRecord, flow: string): void {
  const flows = client.explicitAuthFlows
  const legacyOnly = flows.every((value) => LEGACY_FLOWS.has(value))
  const allowed =
    flows.includes(`ALLOW_${flow}`) ||
    (legacyOnly && (flow === 'USER_SRP_AUTH' || flow === 'REFRESH_TOKEN_AUTH')) ||
    (flow === 'USER_PASSWORD_AUTH' && flows.includes('USER_PASSWORD_AUTH'))
  if (!allowed) throw invalidParameter(`${flow} flow not enabled for this client`)
}

const DAY_MS = 24 * 60 * 60 * 1000

/** A checked password is still refused when it is an expired temporary one, or the user is disabled. */
export function assertMaySignIn(
  context: UserPoolContext,
  pool: UserPoolRecord,
  user: CognitoUserRecord,
): void {
  if (!user.enabled) throw notAuthorized('User is disabled.')
  if (
    user.status === 'FORCE_CHANGE_PASSWORD' &&
    context.realNow() >
      user.passwordSetAtMs + pool.passwordPolicy.TemporaryPasswordValidityDays * DAY_MS
  ) {
    throw notAuthorized('Temporary password has expired and must be reset by an administrator.')
  }
}

/** Cognito's userAttributes challenge parameter: the user's attributes but `sub`, all strings. */
function userAttributesParameter(user: CognitoUserRecord): string {
  const { sub: _sub, ...attributes } = user.attributes
  return JSON.stringify(attributes)
}

export async function tokensOf(
  context: UserPoolContext,
  { pool, client }: ClientAndPool,
  user: CognitoUserRecord,
  session: AuthSessionRecord,
  origin: string,
): Promise<IssuedTokens> {
  return issueTokens(
    {
      pool,
      client,
      user,
      groups: context.groups.of(user),
      originJti: session.originJti,
      eventId: session.eventId,
      authTimeSec: session.authTimeSec,
      issuer: issuerOf(origin, pool.id),
      nowMs: context.realNow(),
      lifetimeCapSeconds: context.tokenLifetimeCapSeconds,
    },
    context.keys,
  )
}

/** The answer to a proven password: the next challenge, or a new session's tokens. */
export async function finishSignIn(
  context: UserPoolContext,
  target: ClientAndPool,
  user: CognitoUserRecord,
  origin: string,
): Promise<Record<string, unknown>> {
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
    const session = context.newPasswordChallenges.open(
      { userPoolId: user.userPoolId, clientId: target.client.clientId, username: user.username },
      target.client.authSessionValidityMinutes * 60_000,
    )
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: session,
      ChallengeParameters: {
        USER_ID_FOR_SRP: user.username,
        requiredAttributes: '[]',
        userAttributes: userAttributesParameter(user),
      },
    }
  }
  const { session, refreshToken } = context.sessions.start(target.client, user)
  const tokens = await tokensOf(context, target, user, session, origin)
  return {
    ChallengeParameters: {},
    AuthenticationResult: { ...tokens, RefreshToken: refreshToken },
  }
}

/** REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken: new access and ID tokens, the same refresh token. */
export async function refreshTokens(
  context: UserPoolContext,
  target: ClientAndPool,
  refreshToken: string,
  origin: string,
): Promise<IssuedTokens> {
  const session = context.sessions.byRefreshToken(refreshToken)
  if (session === undefined || session.clientId !== target.client.clientId) {
    throw notAuthorized('Invalid Refresh Token')
  }
  if (session.revoked) throw notAuthorized('Refresh Token has been revoked')
  if (context.realNow() >= session.expiresAtMs) throw notAuthorized('Refresh Token has expired')
  const user = context.users.find(target.pool, session.username)
  if (user === undefined) throw notAuthorized('User does not exist.')
  if (!user.enabled) throw notAuthorized('User is disabled.')
  return tokensOf(context, target, user, session, origin)
}

export const unsupportedFlow = (flow: string) =>
  new AwsError(
    'NotImplementedException',
    501,
    `The Fleetdeck local cloud does not implement the ${flow} flow. See docs/local-cloud.md for what it covers.`,
  )
