import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import { invalidParameter } from '../../errors.ts'
import { attributeList, optionalString, requiredString, type Input } from '../../input.ts'
import { generateTemporaryPassword } from '../passwords.ts'
import { poolOf } from '../pool-of.ts'
import { userShape } from '../shapes.ts'
import type { UserPoolContext } from '../user-pool-context.ts'

/**
 * AdminCreateUser: the user starts in FORCE_CHANGE_PASSWORD with the given
 * TemporaryPassword (or a generated one) and must set a new password at
 * first sign-in (NEW_PASSWORD_REQUIRED). No invitation is ever sent, so a
 * generated password is only useful after AdminSetUserPassword.
 * UserAttributes: standard attributes (the verified flags too) and `custom:`
 * ones; `sub` and anything outside the schema are refused (user-attributes.ts).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html
 */
export const adminCreateUser = (context: UserPoolContext): RpcOperation => ({
  auth: 'sigv4',
  handle: (input: Input) => {
    const pool = poolOf(context, input)
    const username = requiredString(input, 'Username')
    const messageAction = optionalString(input, 'MessageAction')
    if (messageAction === 'RESEND') {
      throw invalidParameter('The Fleetdeck local cloud sends no messages; RESEND is not emulated.')
    }
    const user = context.users.create(pool, {
      username,
      attributes: attributeList(input, 'UserAttributes'),
      temporaryPassword:
        optionalString(input, 'TemporaryPassword') ??
        generateTemporaryPassword(pool.passwordPolicy),
    })
    return { User: userShape(user) }
  },
})
