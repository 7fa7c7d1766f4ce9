import { invalidParameter } from '../errors.ts'
import type { TokenValidityUnit } from '../records.ts'
import { TOKEN_VALIDITY_UNITS, toSeconds, VALIDITY_LIMITS_SECONDS } from './token-validity.ts'
import type { NewUserPoolClient } from './directory/app-clients.ts'

/**
 * An app client's settings with Cognito's defaults filled in and its limits
 * checked, shared by CreateUserPoolClient and the seeding API.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
 */
export interface ClientOptions {
  readonly explicitAuthFlows?: readonly string[]
  readonly accessTokenValidity?: number
  readonly idTokenValidity?: number
  readonly refreshTokenValidity?: number
  readonly tokenValidityUnits?: Partial<Record<TokenKind, TokenValidityUnit>>
  /** Minutes a challenge's Session lasts: 3 to 15, default 3. */
  readonly authSessionValidityMinutes?: number
  /** LEGACY (UserNotFoundException) when not given, as the API's default. */
  readonly preventUserExistenceErrors?: 'ENABLED' | 'LEGACY'
}

type TokenKind = 'AccessToken' | 'IdToken' | 'RefreshToken'

export const AUTH_FLOWS = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_USER_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'CUSTOM_AUTH_FLOW_ONLY',
  'USER_PASSWORD_AUTH',
]

/** Without ExplicitAuthFlows a client allows SRP, custom auth and refresh. */
const DEFAULT_AUTH_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']

/** A validity given without a unit is in hours for access and ID tokens, days for refresh tokens. */
const IMPLIED_UNITS: Record<TokenKind, TokenValidityUnit> = {
  AccessToken: 'hours',
  IdToken: 'hours',
  RefreshToken: 'days',
}
const DEFAULTS: Record<TokenKind, [number, TokenValidityUnit]> = {
  AccessToken: [60, 'minutes'],
  IdToken: [60, 'minutes'],
  RefreshToken: [30, 'days'],
}

function validity(
  kind: TokenKind,
  value: number | undefined,
  unit: TokenValidityUnit | undefined,
): [number, TokenValidityUnit] {
  if (unit !== undefined && !TOKEN_VALIDITY_UNITS.includes(unit)) {
    throw invalidParameter(`Invalid TokenValidityUnits.${kind}: ${String(unit)}.`)
  }
  // A unit without a value leaves the default lifetime, in the default's unit.
  if (value === undefined) return DEFAULTS[kind]
  const resolvedUnit = unit ?? IMPLIED_UNITS[kind]
  const seconds = toSeconds(value, resolvedUnit)
  const [min, max] = VALIDITY_LIMITS_SECONDS[kind]
  if (!Number.isInteger(value) || seconds < min || seconds > max) {
    throw invalidParameter(
      `Invalid range for token validity: ${kind} must be between ${min} and ${max} seconds.`,
    )
  }
  return [value, resolvedUnit]
}

export function clientSettings(
  userPoolId: string,
  clientName: string,
  options: ClientOptions = {},
): NewUserPoolClient {
  const flows = options.explicitAuthFlows ?? DEFAULT_AUTH_FLOWS
  const unknown = flows.filter((flow) => !AUTH_FLOWS.includes(flow))
  if (unknown.length > 0)
    throw invalidParameter(`Invalid ExplicitAuthFlows: ${unknown.join(', ')}.`)
  const legacy = flows.filter((flow) => !flow.startsWith('ALLOW_'))
  if (legacy.length > 0 && legacy.length < flows.length) {
    throw invalidParameter('ExplicitAuthFlows cannot mix legacy values with ALLOW_ values.')
  }
  if (clientName.length === 0 || clientName.length > 128) {
    throw invalidParameter('ClientName must be 1 to 128 characters long.')
  }
  const session = options.authSessionValidityMinutes ?? 3
  if (!Number.isInteger(session) || session < 3 || session > 15) {
    throw invalidParameter('AuthSessionValidity must be between 3 and 15 minutes.')
  }
  const units = options.tokenValidityUnits ?? {}
  const [accessTokenValidity, accessUnit] = validity(
    'AccessToken',
    options.accessTokenValidity,
    units.AccessToken,
  )
  const [idTokenValidity, idUnit] = validity('IdToken', options.idTokenValidity, units.IdToken)
  const [refreshTokenValidity, refreshUnit] = validity(
    'RefreshToken',
    options.refreshTokenValidity,
    units.RefreshToken,
  )
  return {
    userPoolId,
    clientName,
    explicitAuthFlows: [...flows],
    accessTokenValidity,
    idTokenValidity,
    refreshTokenValidity,
    tokenValidityUnits: { AccessToken: accessUnit, IdToken: idUnit, RefreshToken: refreshUnit },
    authSessionValidityMinutes: session,
    preventUserExistenceErrors: options.preventUserExistenceErrors ?? 'LEGACY',
  }
}
