import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import { notAuthorized } from '../../errors.ts'
import { optionalStringMap, type Input } from '../../input.ts'
import type { IdentityPoolContext } from '../identity-pool-context.ts'
import { verifyLogins } from '../logins.ts'
import { identityPoolOf } from '../pool-of.ts'

/**
 * GetId, unsigned: the IdentityId of the user the login's ID token names,
 * the same for every sign-in of that user; without a login, a new guest
 * identity when the pool allows unauthenticated identities.
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html
 */
export const getId = (context: IdentityPoolContext): RpcOperation => ({
  auth: 'none',
  handle: async (input: Input) => {
    const pool = identityPoolOf(context, input)
    const login = await verifyLogins(
      optionalStringMap(input, 'Logins'),
      pool,
      context.identityPools,
      context.tokens,
      context.realNow,
    )
    if (login === undefined) {
      if (!pool.allowUnauthenticatedIdentities) {
        throw notAuthorized('Unauthenticated access is not supported for this identity pool.')
      }
      return { IdentityId: context.identityPools.guestIdentity(pool).identityId }
    }
    const identity = context.identityPools.authenticatedIdentity(
      pool,
      login.userPoolId,
      String(login.claims.sub),
    )
    return { IdentityId: identity.identityId }
  },
})
