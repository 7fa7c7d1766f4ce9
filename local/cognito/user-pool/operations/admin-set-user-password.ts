import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import { optionalBoolean, requiredString, type Input } from '../../input.ts'
import { poolOf } from '../pool-of.ts'
import type { UserPoolContext } from '../user-pool-context.ts'

/**
 * AdminSetUserPassword: Permanent makes the user CONFIRMED; otherwise the
 * password is temporary and the user is FORCE_CHANGE_PASSWORD again.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserPassword.html
 */
export const adminSetUserPassword = (context: UserPoolContext): RpcOperation => ({
  auth: 'sigv4',
  handle: (input: Input) => {
    const pool = poolOf(context, input)
    const user = context.users.get(pool, requiredString(input, 'Username'))
    const password = requiredString(input, 'Password')
    context.users.setPassword(pool, user, password, optionalBoolean(input, 'Permanent') ?? false)
    return {}
  },
})
