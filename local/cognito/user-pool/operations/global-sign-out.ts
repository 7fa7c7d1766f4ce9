import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import { requiredString, type Input } from '../../input.ts'
import { userOfAccessToken } from '../access-token.ts'
import type { UserPoolContext } from '../user-pool-context.ts'

/**
 * GlobalSignOut, authorized by the access token: revokes every refresh
 * token of the user and every access and ID token issued from them.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html
 */
export const globalSignOut = (context: UserPoolContext): RpcOperation => ({
  auth: 'none',
  handle: async (input: Input) => {
    const { user } = await userOfAccessToken(context, requiredString(input, 'AccessToken'))
    context.sessions.revokeAllOf(user.userPoolId, user.username)
    return {}
  },
})
