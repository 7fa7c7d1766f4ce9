import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import { notAuthorized, resourceNotFound } from '../../errors.ts'
import { optionalString, optionalStringMap, requiredString, type Input } from '../../input.ts'
import type { IdentityPoolContext } from '../identity-pool-context.ts'
import { verifyLogins } from '../logins.ts'
import { authenticatedRole, unauthenticatedRole } from '../role-choice.ts'

/**
 * GetCredentialsForIdentity, unsigned: temporary credentials of the role the
 * login's ID token maps to (see role-choice.ts), which the edge then accepts
 * with that role's permissions. `Expiration` is epoch seconds.
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html
 */
const SESSION_NAME = 'CognitoIdentityCredentials'

export const getCredentialsForIdentity = (context: IdentityPoolContext): RpcOperation => ({
  auth: 'none',
  handle: async (input: Input) => {
    const identityId = requiredString(input, 'IdentityId')
    const identity = context.identityPools.findIdentity(identityId)
    if (identity === undefined) throw resourceNotFound(`Identity '${identityId}' not found.`)
    const pool = context.identityPools.pool(identity.identityPoolId)
    const login = await verifyLogins(
      optionalStringMap(input, 'Logins'),
      pool,
      context.identityPools,
      context.tokens,
      context.realNow,
    )
    let roleArn: string
    if (identity.sub === undefined && login === undefined) {
      if (!pool.allowUnauthenticatedIdentities) {
        throw notAuthorized('Unauthenticated access is not supported for this identity pool.')
      }
      roleArn = unauthenticatedRole(pool)
    } else {
      if (
        login === undefined ||
        identity.sub !== login.claims.sub ||
        identity.userPoolId !== login.userPoolId
      ) {
        throw notAuthorized(
          "Logins don't match. Please include at least one valid login for this identity or identity pool.",
        )
      }
      roleArn = authenticatedRole(pool, login, optionalString(input, 'CustomRoleArn'))
    }
    const credentials = context.temporaryCredentials.issue(
      roleArn,
      SESSION_NAME,
      context.credentialsLifetimeMs,
    )
    return {
      IdentityId: identity.identityId,
      Credentials: {
        AccessKeyId: credentials.accessKeyId,
        SecretKey: credentials.secretAccessKey,
        SessionToken: credentials.sessionToken,
        Expiration: credentials.expiresAtMs / 1000,
      },
    }
  },
})
