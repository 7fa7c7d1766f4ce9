import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import { requiredString, type Input } from '../../input.ts'
import { assertFlowAllowed, clientAndPool, refreshTokens } from '../sign-in.ts'
import type { UserPoolContext } from '../user-pool-context.ts'

/**
 * GetTokensFromRefreshToken, unsigned: the only way Amplify >= 6.15
 * refreshes a session. Refresh tokens are not rotated, so no new
 * RefreshToken comes back (Cognito returns one only with rotation enabled).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
 */
export const getTokensFromRefreshToken = (context: UserPoolContext): RpcOperation => ({
  auth: 'none',
  handle: async (input: Input, call) => {
    const target = clientAndPool(context, input)
    assertFlowAllowed(target.client, 'REFRESH_TOKEN_AUTH')
    const refreshToken = requiredString(input, 'RefreshToken')
    return {
      AuthenticationResult: await refreshTokens(context, target, refreshToken, call.origin),
    }
  },
})
