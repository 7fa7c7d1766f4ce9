import type { TokenValidityUnit, UserPoolClientRecord } from '../records.ts'

/**
 * Token lifetimes of an app client. Cognito's defaults: access and ID tokens
 * 60 minutes, refresh tokens 30 days; a validity given without a unit is in
 * hours (access, ID) or days (refresh). Limits: access and ID tokens 5
 * minutes to 1 day, refresh tokens 60 minutes to 10 years.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
 */
const SECONDS: Record<TokenValidityUnit, number> = {
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86_400,
}

export const TOKEN_VALIDITY_UNITS = Object.keys(SECONDS) as TokenValidityUnit[]

export const toSeconds = (value: number, unit: TokenValidityUnit) => value * SECONDS[unit]

export const VALIDITY_LIMITS_SECONDS = {
  AccessToken: [5 * 60, 86_400],
  IdToken: [5 * 60, 86_400],
  RefreshToken: [60 * 60, 10 * 365 * 86_400],
} as const

export const accessTokenSeconds = (client: UserPoolClientRecord) =>
  toSeconds(client.accessTokenValidity, client.tokenValidityUnits.AccessToken)
export const idTokenSeconds = (client: UserPoolClientRecord) =>
  toSeconds(client.idTokenValidity, client.tokenValidityUnits.IdToken)
export const refreshTokenSeconds = (client: UserPoolClientRecord) =>
  toSeconds(client.refreshTokenValidity, client.tokenValidityUnits.RefreshToken)

/**
 * An ID or access token lifetime under the local cloud's test cap
 * (FLEETDECK_TOKEN_LIFETIME_SECONDS), applied when tokens are issued so the
 * client keeps its settings and AWS's limits; refresh tokens are never capped.
 */
export const cappedSeconds = (seconds: number, capSeconds: number | undefined) =>
  capSeconds === undefined ? seconds : Math.min(seconds, capSeconds)
