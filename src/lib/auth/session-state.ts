import type { RefreshFailure } from './refresh-failure.ts'
import type { SessionUser } from './session-user.ts'

/**
 * The session's lifecycle. `expired` keeps the user (and the page) while
 * asking them to sign in again: it follows a refresh that failed because
 * the refresh token is dead. A transient failure keeps the session and
 * counts towards the next retry's backoff.
 */
export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signedOut' }
  | { readonly status: 'signedIn'; readonly user: SessionUser; readonly refreshFailures: number }
  | { readonly status: 'expired'; readonly user: SessionUser }

export type SessionEvent =
  | { readonly type: 'tokensRead'; readonly user: SessionUser | undefined }
  | { readonly type: 'refreshFailed'; readonly failure: RefreshFailure }
  | { readonly type: 'signedOut' }

export const INITIAL_SESSION: SessionState = { status: 'loading' }

export function sessionTransition(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'tokensRead':
      if (event.user !== undefined)
        return { status: 'signedIn', user: event.user, refreshFailures: 0 }
      // Tokens gone while the user was signed in: Amplify cleared them after a dead refresh.
      return state.status === 'signedIn' || state.status === 'expired'
        ? { status: 'expired', user: state.user }
        : { status: 'signedOut' }
    case 'refreshFailed':
      if (state.status !== 'signedIn') return state
      return event.failure === 'auth'
        ? { status: 'expired', user: state.user }
        : { ...state, refreshFailures: state.refreshFailures + 1 }
    case 'signedOut':
      return { status: 'signedOut' }
  }
}

/** Whose data the cache holds: a change (another user, or none) drops it. */
export function usernameOf(state: SessionState): string | undefined {
  return state.status === 'signedIn' || state.status === 'expired' ? state.user.username : undefined
}
