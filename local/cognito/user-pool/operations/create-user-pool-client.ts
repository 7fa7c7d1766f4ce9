import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import { invalidParameter } from '../../errors.ts'
import {
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringList,
  requiredString,
  type Input,
} from '../../input.ts'
import type { TokenValidityUnit } from '../../records.ts'
import { clientSettings, type ClientOptions } from '../client-settings.ts'
import { poolOf } from '../pool-of.ts'
import { userPoolClientShape } from '../shapes.ts'
import type { UserPoolContext } from '../user-pool-context.ts'

/**
 * CreateUserPoolClient: token lifetimes and their units, ExplicitAuthFlows,
 * AuthSessionValidity and PreventUserExistenceErrors. Client secrets are not
 * emulated (Amplify cannot use them in a browser anyway); token revocation
 * is always on.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
 */
function units(input: Input): ClientOptions['tokenValidityUnits'] {
  const given = optionalObject(input, 'TokenValidityUnits') ?? {}
  const unit = (member: string) => optionalString(given, member) as TokenValidityUnit | undefined
  return Object.fromEntries(
    (['AccessToken', 'IdToken', 'RefreshToken'] as const)
      .map((kind) => [kind, unit(kind)] as const)
      .filter(([, value]) => value !== undefined),
  )
}

function preventUserExistenceErrors(input: Input): ClientOptions['preventUserExistenceErrors'] {
  const value = optionalString(input, 'PreventUserExistenceErrors')
  if (value === undefined || value === 'ENABLED' || value === 'LEGACY') return value
  throw invalidParameter('PreventUserExistenceErrors must be ENABLED or LEGACY.')
}

export const createUserPoolClient = (context: UserPoolContext): RpcOperation => ({
  auth: 'sigv4',
  handle: (input: Input) => {
    const pool = poolOf(context, input)
    if (optionalBoolean(input, 'GenerateSecret') === true) {
      throw invalidParameter('The Fleetdeck local cloud does not emulate client secrets.')
    }
    const options: ClientOptions = Object.fromEntries(
      Object.entries({
        explicitAuthFlows: optionalStringList(input, 'ExplicitAuthFlows'),
        accessTokenValidity: optionalInteger(input, 'AccessTokenValidity', 1, 86_400),
        idTokenValidity: optionalInteger(input, 'IdTokenValidity', 1, 86_400),
        refreshTokenValidity: optionalInteger(input, 'RefreshTokenValidity', 0, 315_360_000),
        tokenValidityUnits: units(input),
        authSessionValidityMinutes: optionalInteger(input, 'AuthSessionValidity', 3, 15),
        preventUserExistenceErrors: preventUserExistenceErrors(input),
      }).filter(([, value]) => value !== undefined),
    )
    const client = context.clients.create(
      clientSettings(pool.id, requiredString(input, 'ClientName'), options),
    )
    return { UserPoolClient: userPoolClientShape(client) }
  },
})
