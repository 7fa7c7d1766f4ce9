import { decodeJwt, type JWTPayload } from 'jose'
import { invalidParameter, notAuthorized } from '../errors.ts'
import type { IdentityPoolRecord, IdentityProviderRecord } from '../records.ts'
import type { TokenFailure, TokenVerifier } from '../user-pool/token-verification.ts'
import type { IdentityPools } from './identity-pools.ts'

/**
 * The `Logins` of GetId and GetCredentialsForIdentity: a user pool ID token
 * under its provider name, which Amplify forms from the token's `iss`
 * without the scheme (formLoginsMap in @aws-amplify/auth). The token must be
 * signed by that pool's key, name a configured provider as its issuer, be
 * addressed to the provider's app client, unexpired and unrevoked.
 */
export interface VerifiedLogin {
  readonly providerName: string
  readonly provider: IdentityProviderRecord
  readonly userPoolId: string
  readonly claims: JWTPayload
}

const MAX_LOGINS = 10

function failureMessage(failure: TokenFailure, token: string, nowMs: number): string {
  switch (failure) {
    case 'malformed':
      return 'Invalid login token. Not a valid OpenId Connect identity token.'
    case 'badSignature':
    case 'wrongUse':
      return "Invalid login token. Couldn't verify signed token."
    case 'expired':
      return `Invalid login token. Token expired: ${String(decodeJwt(token).exp)} >= ${Math.floor(nowMs / 1000)}`
    case 'revoked':
      return 'Invalid login token. Token has been revoked.'
  }
}

/** The one login of a request, verified; undefined when there is none (a guest). */
export async function verifyLogins(
  logins: Readonly<Record<string, string>>,
  pool: IdentityPoolRecord,
  pools: IdentityPools,
  tokens: TokenVerifier,
  realNow: () => number,
): Promise<VerifiedLogin | undefined> {
  const entries = Object.entries(logins)
  if (entries.length > MAX_LOGINS) throw invalidParameter('Too many logins.')
  const [first] = entries
  if (first === undefined) return undefined
  // Fleetdeck's pools have one provider; one login is what Amplify sends.
  if (entries.length > 1) {
    throw invalidParameter('The Fleetdeck local cloud accepts one login per request.')
  }
  const [providerName, token] = first
  const provider = pools.providerFor(pool, providerName)
  if (provider === undefined) {
    throw notAuthorized('Token is not from a supported provider of this identity pool.')
  }
  const verified = await tokens.verify(token, 'id')
  if (!verified.ok) throw notAuthorized(failureMessage(verified.failure, token, realNow()))
  const issuer = String(verified.claims.iss).replace(/^\w+:\/\//, '')
  if (issuer !== providerName) {
    throw notAuthorized("Invalid login token. Issuer doesn't match providerName")
  }
  if (verified.claims.aud !== provider.ClientId) {
    throw notAuthorized('Invalid login token. Incorrect token audience.')
  }
  return { providerName, provider, userPoolId: verified.pool.id, claims: verified.claims }
}
