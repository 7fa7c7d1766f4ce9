import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose'
import type { UserPoolRecord } from '../records.ts'
import type { AuthSessions } from './auth-sessions.ts'
import { TOKEN_ALGORITHM, type SigningKeyCache } from './signing-keys.ts'
import type { Pools } from './directory/pools.ts'

/**
 * Checks a token this local cloud issued, as Cognito checks an access token
 * (GetUser, GlobalSignOut) and an identity pool checks an ID token: the
 * issuing pool from `iss`, the signature with that pool's key, expiry on the
 * real clock, `token_use`, and that its sign-in was not revoked. Callers word
 * each failure as their service does.
 */
export type TokenFailure = 'malformed' | 'badSignature' | 'expired' | 'wrongUse' | 'revoked'

export type VerifiedToken =
  | { readonly ok: true; readonly pool: UserPoolRecord; readonly claims: JWTPayload }
  | { readonly ok: false; readonly failure: TokenFailure }

export interface TokenVerifier {
  verify(token: string, use: 'access' | 'id'): Promise<VerifiedToken>
}

export function createTokenVerifier(
  pools: Pools,
  sessions: AuthSessions,
  keys: SigningKeyCache,
  realNow: () => number,
): TokenVerifier {
  const fail = (failure: TokenFailure): VerifiedToken => ({ ok: false, failure })
  return {
    verify: async (token, use) => {
      let issuer: string | undefined
      let kid: string | undefined
      try {
        issuer = decodeJwt(token).iss
        kid = decodeProtectedHeader(token).kid
      } catch {
        return fail('malformed')
      }
      const pool = issuer === undefined ? undefined : pools.find(issuer.split('/').pop() ?? '')
      if (pool === undefined || kid !== pool.signingKey.kid) return fail('badSignature')
      let claims: JWTPayload
      try {
        ;({ payload: claims } = await jwtVerify(token, await keys.publicKey(pool.signingKey), {
          algorithms: [TOKEN_ALGORITHM],
          currentDate: new Date(realNow()),
          clockTolerance: 0,
        }))
      } catch (error) {
        return fail(error instanceof errors.JWTExpired ? 'expired' : 'badSignature')
      }
      if (claims.token_use !== use) return fail('wrongUse')
      const originJti = claims.origin_jti
      if (typeof originJti !== 'string' || !sessions.isActive(originJti)) return fail('revoked')
      return { ok: true, pool, claims }
    },
  }
}
