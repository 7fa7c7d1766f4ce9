import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import { epochSeconds } from '../../ids.ts'
import { requiredString, type Input } from '../../input.ts'
import { poolOf } from '../pool-of.ts'
import { attributesOf } from '../shapes.ts'
import type { UserPoolContext } from '../user-pool-context.ts'

/** https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html */
export const adminGetUser = (context: UserPoolContext): RpcOperation => ({
  auth: 'sigv4',
  handle: (input: Input) => {
    const pool = poolOf(context, input)
    const user = context.users.get(pool, requiredString(input, 'Username'))
    return {
      Username: user.username,
      UserAttributes: attributesOf(user),
      UserCreateDate: epochSeconds(user.createdAtMs),
      UserLastModifiedDate: epochSeconds(user.lastModifiedAtMs),
      Enabled: user.enabled,
      UserStatus: user.status,
    }
  },
})
