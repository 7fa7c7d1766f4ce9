import { AwsError } from '../edge/aws-error.ts'
import type { Frontend } from '../edge/frontend.ts'
import { errorResponse, jsonResponse } from '../edge/responses.ts'
import { issuerOf } from './user-pool/tokens.ts'
import { jwksOf } from './user-pool/signing-keys.ts'
import type { Pools } from './user-pool/directory/pools.ts'

/**
 * The public keys of each user pool at `/{userPoolId}/.well-known/jwks.json`
 * and its OpenID discovery document at
 * `/{userPoolId}/.well-known/openid-configuration`, under the issuer URL the
 * tokens carry, as Cognito serves them at
 * https://cognito-idp.<region>.amazonaws.com/<userPoolId>/.well-known/…
 * so any JWT library that verifies Cognito tokens verifies these.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html
 */
const WELL_KNOWN = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/

export function createJwksFrontend(pools: Pools): Frontend {
  return {
    claims: (request) =>
      (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') &&
      WELL_KNOWN.test(request.rawPath),
    handle: (request, edge) => {
      const [, userPoolId = '', document] = WELL_KNOWN.exec(request.rawPath) ?? []
      const pool = pools.find(userPoolId)
      if (pool === undefined) {
        const missing = new AwsError(
          'ResourceNotFoundException',
          404,
          `User pool ${userPoolId} does not exist.`,
        )
        return Promise.resolve(errorResponse(missing, edge.cors))
      }
      const issuer = issuerOf(request.url.origin, pool.id)
      const body =
        document === 'jwks.json'
          ? jwksOf(pool.signingKey)
          : {
              issuer,
              jwks_uri: `${issuer}/.well-known/jwks.json`,
              subject_types_supported: ['public'],
              id_token_signing_alg_values_supported: ['RS256'],
              response_types_supported: ['code', 'token'],
              scopes_supported: ['openid', 'email', 'phone', 'profile'],
            }
      return Promise.resolve(jsonResponse(200, body, edge.cors))
    },
  }
}
