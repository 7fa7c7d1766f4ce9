import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import { requiredString, type Input } from '../../input.ts'
import { userOfAccessToken } from '../access-token.ts'
import { attributesOf } from '../shapes.ts'
import type { UserPoolContext } from '../user-pool-context.ts'

/**
 * GetUser, authorized by the access token rather than a signature.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html
 */
export const getUser = (context: UserPoolContext): RpcOperation => ({
  auth: 'none',
  handle: async (input: Input) => {
    const { user } = await userOfAccessToken(context, requiredString(input, 'AccessToken'))
    return { Username: user.username, UserAttributes: attributesOf(user) }
  },
})
