import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import { AwsError } from '../../../edge/aws-error.ts'
import { notAuthorized } from '../../errors.ts'
import { requiredString, type Input } from '../../input.ts'
import { clientAndPool } from '../sign-in.ts'
import type { UserPoolContext } from '../user-pool-context.ts'

/**
 * RevokeToken: revokes a refresh token and the access and ID tokens issued
 * from it (Amplify's `signOut()` calls it). A token that was never issued is
 * accepted silently, as OAuth token revocation (RFC 7009 §2.2) answers;
 * an access or ID token is not a refresh token.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RevokeToken.html
 */
export const revokeToken = (context: UserPoolContext): RpcOperation => ({
  auth: 'none',
  handle: (input: Input) => {
    const token = requiredString(input, 'Token')
    const { client } = clientAndPool(context, input)
    if (token.split('.').length === 3) {
      throw new AwsError('UnsupportedTokenTypeException', 400, 'The token type is not supported.')
    }
    const session = context.sessions.byRefreshToken(token)
    if (session === undefined) return {}
    if (session.clientId !== client.clientId) {
      throw notAuthorized('The refresh token was not issued to this client.')
    }
    context.sessions.revoke(session.originJti)
    return {}
  },
})
