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
import type { PasswordPolicy } from '../../records.ts'
import { userPoolShape } from '../shapes.ts'
import type { UserPoolContext } from '../user-pool-context.ts'

/**
 * CreateUserPool: a name, the password policy, email as username attribute
 * and auto-verified attributes. Each pool gets its own signing key pair.
 * Settings that need message delivery, MFA or Lambda triggers are not
 * emulated: MFA must stay OFF, the rest is ignored.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html
 */
function passwordPolicy(input: Input): Partial<PasswordPolicy> {
  const policy = optionalObject(optionalObject(input, 'Policies') ?? {}, 'PasswordPolicy') ?? {}
  const entries: [keyof PasswordPolicy, boolean | number | undefined][] = [
    ['MinimumLength', optionalInteger(policy, 'MinimumLength', 6, 99)],
    ['RequireUppercase', optionalBoolean(policy, 'RequireUppercase')],
    ['RequireLowercase', optionalBoolean(policy, 'RequireLowercase')],
    ['RequireNumbers', optionalBoolean(policy, 'RequireNumbers')],
    ['RequireSymbols', optionalBoolean(policy, 'RequireSymbols')],
    [
      'TemporaryPasswordValidityDays',
      optionalInteger(policy, 'TemporaryPasswordValidityDays', 0, 365),
    ],
  ]
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined))
}

export const createUserPool = (context: UserPoolContext): RpcOperation => ({
  auth: 'sigv4',
  handle: async (input: Input) => {
    const name = requiredString(input, 'PoolName')
    if (name.length > 128) throw invalidParameter('PoolName must be at most 128 characters long.')
    const mfa = optionalString(input, 'MfaConfiguration') ?? 'OFF'
    if (mfa !== 'OFF') {
      throw invalidParameter(
        'The Fleetdeck local cloud does not emulate MFA; MfaConfiguration must be OFF.',
      )
    }
    const usernameAttributes = optionalStringList(input, 'UsernameAttributes')
    const autoVerifiedAttributes = optionalStringList(input, 'AutoVerifiedAttributes')
    const pool = await context.pools.create({
      name,
      passwordPolicy: passwordPolicy(input),
      ...(usernameAttributes === undefined ? {} : { usernameAttributes }),
      ...(autoVerifiedAttributes === undefined ? {} : { autoVerifiedAttributes }),
    })
    return { UserPool: userPoolShape(pool, 0) }
  },
})
