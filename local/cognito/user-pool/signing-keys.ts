import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose'
import type { SigningKeyRecord } from '../records.ts'

/**
 * Each user pool signs its tokens with its own RS256 key pair, made when the
 * pool is created and stored as JWK so tokens issued before a restart still
 * verify after it (Cognito publishes its keys at /.well-known/jwks.json the
 * same way). The key id is the RFC 7638 thumbprint of the public key.
 */
export const TOKEN_ALGORITHM = 'RS256'

export async function createSigningKey(): Promise<SigningKeyRecord> {
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM, {
    modulusLength: 2048,
    extractable: true,
  })
  const publicJwk = await exportJWK(publicKey)
  const kid = await calculateJwkThumbprint(publicJwk)
  return {
    kid,
    privateJwk: await exportJWK(privateKey),
    publicJwk: { ...publicJwk, kid, alg: TOKEN_ALGORITHM, use: 'sig' },
  }
}

/** The JWKS document Cognito serves for a pool. */
export const jwksOf = (key: SigningKeyRecord): { keys: JWK[] } => ({ keys: [key.publicJwk] })

/** Imported keys, by kid: importing a JWK costs more than a signature. */
export class SigningKeyCache {
  readonly #keys = new Map<string, Promise<CryptoKey>>()

  privateKey = (key: SigningKeyRecord): Promise<CryptoKey> =>
    this.#import(`private:${key.kid}`, key.privateJwk)

  publicKey = (key: SigningKeyRecord): Promise<CryptoKey> =>
    this.#import(`public:${key.kid}`, key.publicJwk)

  #import(cacheKey: string, jwk: JWK): Promise<CryptoKey> {
    let imported = this.#keys.get(cacheKey)
    if (imported === undefined) {
      imported = importJWK(jwk, TOKEN_ALGORITHM) as Promise<CryptoKey>
      this.#keys.set(cacheKey, imported)
    }
    return imported
  }
}
