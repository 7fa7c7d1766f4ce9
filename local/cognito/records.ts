import type { JWK } from 'jose'

/**
 * What Cognito stores. Times are REAL epoch milliseconds: tokens, sessions
 * and temporary passwords expire on the wall clock, as browsers and SDKs
 * compare them with theirs.
 */

/** Cognito's default password policy, and what CreateUserPool may change. */
export interface PasswordPolicy {
  readonly MinimumLength: number
  readonly RequireUppercase: boolean
  readonly RequireLowercase: boolean
  readonly RequireNumbers: boolean
  readonly RequireSymbols: boolean
  readonly TemporaryPasswordValidityDays: number
}

/** The pool's RS256 key pair, kept so tokens stay valid across restarts. */
export interface SigningKeyRecord {
  readonly kid: string
  readonly privateJwk: JWK
  readonly publicJwk: JWK
}

export interface UserPoolRecord {
  readonly id: string
  readonly name: string
  readonly arn: string
  readonly passwordPolicy: PasswordPolicy
  /** ['email'] when users sign in with their email address and get a UUID username. */
  readonly usernameAttributes: readonly string[]
  readonly autoVerifiedAttributes: readonly string[]
  readonly signingKey: SigningKeyRecord
  readonly createdAtMs: number
  readonly lastModifiedAtMs: number
}

export type TokenValidityUnit = 'seconds' | 'minutes' | 'hours' | 'days'

export interface UserPoolClientRecord {
  readonly clientId: string
  readonly clientName: string
  readonly userPoolId: string
  readonly explicitAuthFlows: readonly string[]
  readonly accessTokenValidity: number
  readonly idTokenValidity: number
  readonly refreshTokenValidity: number
  readonly tokenValidityUnits: {
    readonly AccessToken: TokenValidityUnit
    readonly IdToken: TokenValidityUnit
    readonly RefreshToken: TokenValidityUnit
  }
  readonly authSessionValidityMinutes: number
  readonly preventUserExistenceErrors: 'ENABLED' | 'LEGACY'
  readonly createdAtMs: number
  readonly lastModifiedAtMs: number
}

export type UserStatus = 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED'

/** SRP-6a's stored secret: the salt and g^x mod N, never the password (hex strings). */
export interface PasswordVerifier {
  readonly salt: string
  readonly verifier: string
}

export interface CognitoUserRecord {
  readonly userPoolId: string
  readonly username: string
  readonly attributes: Readonly<Record<string, string>>
  readonly status: UserStatus
  readonly enabled: boolean
  readonly password: PasswordVerifier
  /** When the temporary password was set, for TemporaryPasswordValidityDays. */
  readonly passwordSetAtMs: number
  readonly groupNames: readonly string[]
  readonly createdAtMs: number
  readonly lastModifiedAtMs: number
}

export interface CognitoGroupRecord {
  readonly userPoolId: string
  readonly groupName: string
  readonly description?: string
  readonly roleArn?: string
  readonly precedence?: number
  readonly createdAtMs: number
  readonly lastModifiedAtMs: number
}

/**
 * One sign-in: its refresh token (hashed) and every token issued from it
 * carry `origin_jti`, so revoking the session revokes them all.
 */
export interface AuthSessionRecord {
  readonly originJti: string
  readonly userPoolId: string
  readonly clientId: string
  readonly username: string
  readonly refreshTokenHash: string
  readonly eventId: string
  readonly authTimeSec: number
  readonly expiresAtMs: number
  readonly revoked: boolean
}

export interface IdentityProviderRecord {
  readonly ProviderName: string
  readonly ClientId: string
  readonly ServerSideTokenCheck: boolean
}

export interface RoleMappingRecord {
  readonly Type: 'Token'
  readonly AmbiguousRoleResolution: 'AuthenticatedRole' | 'Deny'
}

export interface IdentityPoolRecord {
  readonly identityPoolId: string
  readonly identityPoolName: string
  readonly allowUnauthenticatedIdentities: boolean
  readonly providers: readonly IdentityProviderRecord[]
  readonly roles: Readonly<Record<string, string>>
  /** Keyed by provider name. */
  readonly roleMappings: Readonly<Record<string, RoleMappingRecord>>
  readonly createdAtMs: number
}

export interface IdentityRecord {
  readonly identityId: string
  readonly identityPoolId: string
  /** The user pool and `sub` the identity belongs to; absent for a guest identity. */
  readonly userPoolId?: string
  readonly sub?: string
  readonly createdAtMs: number
}

export interface CognitoSchema {
  cognitoUserPools: UserPoolRecord
  cognitoUserPoolClients: UserPoolClientRecord
  cognitoUsers: CognitoUserRecord
  cognitoGroups: CognitoGroupRecord
  cognitoAuthSessions: AuthSessionRecord
  cognitoIdentityPools: IdentityPoolRecord
  cognitoIdentities: IdentityRecord
}

export const userKey = (userPoolId: string, username: string) => `${userPoolId}|${username}`
export const groupKey = (userPoolId: string, groupName: string) => `${userPoolId}|${groupName}`
