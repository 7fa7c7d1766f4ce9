import { describe, expect, it } from 'vitest'
import {
  INITIAL_SESSION,
  sessionTransition,
  usernameOf,
  type SessionState,
} from './session-state.ts'
import type { SessionUser } from './session-user.ts'

const ada: SessionUser = {
  username: 'ada@example.com',
  role: 'operator',
  groups: ['operator'],
  tokenIssuedAtMs: 0,
  tokenExpiresAtMs: 3_600_000,
}
const signedIn: SessionState = { status: 'signedIn', user: ada, refreshFailures: 0 }

describe('sessionTransition', () => {
  it('starts signed in or signed out from what storage holds', () => {
    expect(sessionTransition(INITIAL_SESSION, { type: 'tokensRead', user: ada })).toEqual(signedIn)
    expect(sessionTransition(INITIAL_SESSION, { type: 'tokensRead', user: undefined })).toEqual({
      status: 'signedOut',
    })
  })

  it('expires, keeping the user, when the refresh token is dead', () => {
    const expired = { status: 'expired', user: ada }
    expect(sessionTransition(signedIn, { type: 'refreshFailed', failure: 'auth' })).toEqual(expired)
    // Amplify cleared the tokens: the next read finds none.
    expect(sessionTransition(signedIn, { type: 'tokensRead', user: undefined })).toEqual(expired)
  })

  it('keeps the session through transient failures, counting them for the backoff', () => {
    const once = sessionTransition(signedIn, { type: 'refreshFailed', failure: 'transient' })
    const twice = sessionTransition(once, { type: 'refreshFailed', failure: 'transient' })
    expect(twice).toEqual({ ...signedIn, refreshFailures: 2 })
    expect(sessionTransition(twice, { type: 'tokensRead', user: ada })).toEqual(signedIn)
  })

  it('signs in again from the expired prompt, and out from anywhere', () => {
    const expired: SessionState = { status: 'expired', user: ada }
    expect(sessionTransition(expired, { type: 'tokensRead', user: undefined })).toEqual(expired)
    expect(sessionTransition(expired, { type: 'tokensRead', user: ada })).toEqual(signedIn)
    expect(sessionTransition(expired, { type: 'signedOut' })).toEqual({ status: 'signedOut' })
  })

  it('names whose data the cache holds', () => {
    expect(usernameOf(signedIn)).toBe('ada@example.com')
    expect(usernameOf({ status: 'expired', user: ada })).toBe('ada@example.com')
    expect(usernameOf({ status: 'signedOut' })).toBeUndefined()
  })
})
