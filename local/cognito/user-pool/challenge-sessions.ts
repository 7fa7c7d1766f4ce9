import { randomBytes } from 'node:crypto'

/**
 * Sign-ins between InitiateAuth and RespondToAuthChallenge: the SRP secret
 * of a PASSWORD_VERIFIER challenge (named by its SECRET_BLOCK) and the
 * `Session` of a NEW_PASSWORD_REQUIRED one. They live only as long as the
 * app client's AuthSessionValidity (3 minutes by default) and only in
 * memory: a sign-in that straddles a restart starts again, as one that
 * straddles a Cognito deployment would.
 */
export class ChallengeSessions<T> {
  readonly #open = new Map<string, { readonly value: T; readonly expiresAtMs: number }>()

  constructor(private readonly realNow: () => number) {}

  /** A new opaque token for the value, base64 as Cognito's SECRET_BLOCK and Session are. */
  open(value: T, lifetimeMs: number): string {
    this.#dropExpired()
    const token = randomBytes(96).toString('base64')
    this.#open.set(token, { value, expiresAtMs: this.realNow() + lifetimeMs })
    return token
  }

  /** The value while the token is open; undefined once expired or never issued. */
  find(token: string): T | undefined {
    const entry = this.#open.get(token)
    if (entry === undefined) return undefined
    if (this.realNow() >= entry.expiresAtMs) {
      this.#open.delete(token)
      return undefined
    }
    return entry.value
  }

  /** Finds and closes: an SRP secret block answers once. */
  take(token: string): T | undefined {
    const value = this.find(token)
    this.#open.delete(token)
    return value
  }

  close(token: string): void {
    this.#open.delete(token)
  }

  #dropExpired(): void {
    const now = this.realNow()
    for (const [token, entry] of this.#open) {
      if (now >= entry.expiresAtMs) this.#open.delete(token)
    }
  }
}
