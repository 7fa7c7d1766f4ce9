import { randomUUID } from 'node:crypto'
import { SignJWT, type JWTPayload } from 'jose'
import type {
  CognitoGroupRecord,
  CognitoUserRecord,
  UserPoolClientRecord,
  UserPoolRecord,
} from '../records.ts'
import { TOKEN_ALGORITHM, type SigningKeyCache } from './signing-keys.ts'
import { accessTokenSeconds, cappedSeconds, idTokenSeconds } from './token-validity.ts'

/**
 * The ID and access tokens with the claims Cognito puts in them.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
 * The issuer is `<endpoint the client used>/<userPoolId>` rather than
 * https://cognito-idp.<region>.amazonaws.com/<userPoolId>, so it names a
 * server that really serves the pool's JWKS.
 */
export interface TokenSubject {
  readonly pool: UserPoolRecord
  readonly client: UserPoolClientRecord
  readonly user: CognitoUserRecord
  readonly groups: readonly CognitoGroupRecord[]
  /** The sign-in the tokens come from: every token issued from it shares `origin_jti`. */
  readonly originJti: string
  readonly eventId: string
  readonly authTimeSec: number
  readonly issuer: string
  readonly nowMs: number
  /** The local cloud's test cap on ID and access token lifetimes, if set. */
  readonly lifetimeCapSeconds?: number
}

export const ACCESS_TOKEN_SCOPE = 'aws.cognito.signin.user.admin'

export const issuerOf = (origin: string, userPoolId: string) => `${origin}/${userPoolId}`

/**
 * cognito:preferred_role: the role of the group with the lowest precedence;
 * groups without one come last. When the groups tied for lowest name
 * different roles there is no preferred role.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-user-groups.html
 */
export function preferredRole(groups: readonly CognitoGroupRecord[]): string | undefined {
  const withRoles = groups.filter((group) => group.roleArn !== undefined)
  const rank = (group: CognitoGroupRecord) => group.precedence ?? Number.POSITIVE_INFINITY
  const lowest = Math.min(...withRoles.map(rank))
  const roles = new Set(
    withRoles.filter((group) => rank(group) === lowest).map((group) => group.roleArn),
  )
  return roles.size === 1 ? [...roles][0] : undefined
}

function groupClaims(groups: readonly CognitoGroupRecord[]): JWTPayload {
  return groups.length === 0 ? {} : { 'cognito:groups': groups.map((group) => group.groupName) }
}

/**
 * Claims only the service sets. No attribute may supply one, whatever a
 * record holds (user-attributes.ts refuses such names, and older data may
 * still have them): a `cognito:preferred_role` from an attribute would
 * choose the identity pool's role.
 */
const RESERVED_CLAIMS: ReadonlySet<string> = new Set([
  'sub',
  'iss',
  'aud',
  'token_use',
  'auth_time',
  'exp',
  'iat',
  'nbf',
  'jti',
  'origin_jti',
  'event_id',
  'client_id',
  'scope',
  'username',
])

export const isReservedClaim = (name: string) =>
  RESERVED_CLAIMS.has(name) || name.startsWith('cognito:')

/** Attributes as ID token claims: `…_verified` are booleans there, strings everywhere else. */
function attributeClaims(attributes: Readonly<Record<string, string>>): JWTPayload {
  return Object.fromEntries(
    Object.entries(attributes)
      .filter(([name]) => !isReservedClaim(name))
      .map(([name, value]): [string, string | boolean] =>
        name.endsWith('_verified') ? [name, value === 'true'] : [name, value],
      ),
  )
}

const idLifetime = (subject: TokenSubject) =>
  cappedSeconds(idTokenSeconds(subject.client), subject.lifetimeCapSeconds)
const accessLifetime = (subject: TokenSubject) =>
  cappedSeconds(accessTokenSeconds(subject.client), subject.lifetimeCapSeconds)

function timeClaims(subject: TokenSubject, lifetimeSeconds: number): JWTPayload {
  const iat = Math.floor(subject.nowMs / 1000)
  return { auth_time: subject.authTimeSec, iat, exp: iat + lifetimeSeconds, jti: randomUUID() }
}

export function idTokenClaims(subject: TokenSubject): JWTPayload {
  const roles = subject.groups.flatMap((group) =>
    group.roleArn === undefined ? [] : [group.roleArn],
  )
  const preferred = preferredRole(subject.groups)
  return {
    ...attributeClaims(subject.user.attributes),
    sub: subject.user.attributes.sub,
    ...groupClaims(subject.groups),
    ...(roles.length === 0 ? {} : { 'cognito:roles': [...new Set(roles)] }),
    ...(preferred === undefined ? {} : { 'cognito:preferred_role': preferred }),
    iss: subject.issuer,
    'cognito:username': subject.user.username,
    origin_jti: subject.originJti,
    aud: subject.client.clientId,
    event_id: subject.eventId,
    token_use: 'id',
    ...timeClaims(subject, idLifetime(subject)),
  }
}

export function accessTokenClaims(subject: TokenSubject): JWTPayload {
  return {
    sub: subject.user.attributes.sub,
    ...groupClaims(subject.groups),
    iss: subject.issuer,
    client_id: subject.client.clientId,
    origin_jti: subject.originJti,
    event_id: subject.eventId,
    token_use: 'access',
    scope: ACCESS_TOKEN_SCOPE,
    ...timeClaims(subject, accessLifetime(subject)),
    username: subject.user.username,
  }
}

export async function signToken(
  claims: JWTPayload,
  pool: UserPoolRecord,
  keys: SigningKeyCache,
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ kid: pool.signingKey.kid, alg: TOKEN_ALGORITHM })
    .sign(await keys.privateKey(pool.signingKey))
}

export interface IssuedTokens {
  readonly AccessToken: string
  readonly IdToken: string
  readonly ExpiresIn: number
  readonly TokenType: 'Bearer'
}

export async function issueTokens(
  subject: TokenSubject,
  keys: SigningKeyCache,
): Promise<IssuedTokens> {
  return {
    AccessToken: await signToken(accessTokenClaims(subject), subject.pool, keys),
    IdToken: await signToken(idTokenClaims(subject), subject.pool, keys),
    ExpiresIn: accessLifetime(subject),
    TokenType: 'Bearer',
  }
}
