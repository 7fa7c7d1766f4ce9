import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { LocalCloudSchema } from '../../state/records.ts'
import type { Store } from '../../store/store.ts'
import type { AuthSessionRecord, CognitoUserRecord, UserPoolClientRecord } from '../records.ts'
import { refreshTokenSeconds } from './token-validity.ts'

/**
 * Sign-in sessions and their refresh tokens. A refresh token is opaque to
 * clients (Cognito's are encrypted JWTs); here it is the session's
 * `origin_jti` and a secret, and only the secret's hash is stored. Revoking a
 * session (RevokeToken, GlobalSignOut) revokes the refresh token and every
 * access and ID token issued from it, which carry the same `origin_jti`.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html
 */
export interface StartedSession {
  readonly session: AuthSessionRecord
  readonly refreshToken: string
}

const DAY_MS = 24 * 60 * 60 * 1000

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex')

export class AuthSessions {
  constructor(
    private readonly store: Store<LocalCloudSchema>,
    private readonly realNow: () => number,
  ) {}

  start(client: UserPoolClientRecord, user: CognitoUserRecord): StartedSession {
    this.#dropExpired()
    const now = this.realNow()
    const originJti = randomUUID()
    const refreshToken = `${originJti}.${randomBytes(48).toString('base64url')}`
    const session: AuthSessionRecord = {
      originJti,
      userPoolId: user.userPoolId,
      clientId: client.clientId,
      username: user.username,
      refreshTokenHash: hash(refreshToken),
      eventId: randomUUID(),
      authTimeSec: Math.floor(now / 1000),
      expiresAtMs: now + refreshTokenSeconds(client) * 1000,
      revoked: false,
    }
    this.store.put('cognitoAuthSessions', originJti, session)
    return { session, refreshToken }
  }

  /** The session a refresh token belongs to, whatever its state; undefined for a token we never issued. */
  byRefreshToken(refreshToken: string): AuthSessionRecord | undefined {
    const originJti = refreshToken.split('.', 1)[0] ?? ''
    const session = this.store.get('cognitoAuthSessions', originJti)
    if (session === undefined) return undefined
    const expected = Buffer.from(session.refreshTokenHash, 'hex')
    const presented = Buffer.from(hash(refreshToken), 'hex')
    return timingSafeEqual(expected, presented) ? session : undefined
  }

  /** Whether tokens carrying this origin_jti still stand: the session exists and was not revoked. */
  isActive = (originJti: string): boolean =>
    this.store.get('cognitoAuthSessions', originJti)?.revoked === false

  revoke(originJti: string): void {
    const session = this.store.get('cognitoAuthSessions', originJti)
    if (session !== undefined && !session.revoked) {
      this.store.put('cognitoAuthSessions', originJti, { ...session, revoked: true })
    }
  }

  revokeAllOf(userPoolId: string, username: string): void {
    for (const session of [...this.store.values('cognitoAuthSessions')]) {
      if (session.userPoolId === userPoolId && session.username === username) {
        this.revoke(session.originJti)
      }
    }
  }

  // A session is kept a day past its refresh token's expiry, longer than
  // any access token issued from it lives, so a revoked access token still
  // reads as revoked rather than unknown.
  #dropExpired(): void {
    const horizon = this.realNow() - DAY_MS
    for (const [key, session] of [...this.store.entries('cognitoAuthSessions')]) {
      if (session.expiresAtMs < horizon) this.store.delete('cognitoAuthSessions', key)
    }
  }
}
