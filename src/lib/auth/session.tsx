import { signOut as amplifySignOut } from 'aws-amplify/auth'
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito'
import { Hub } from 'aws-amplify/utils'
import {
  createContext,
  use,
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  type ReactNode,
} from 'react'
import { refreshDelayMs } from './refresh-delay.ts'
import { refreshFailureOf, refreshRetryDelayMs } from './refresh-failure.ts'
import {
  INITIAL_SESSION,
  sessionTransition,
  usernameOf,
  type SessionState,
} from './session-state.ts'
import { sessionUserOf, type SessionUser } from './session-user.ts'

export type { SessionState }

export interface Session {
  readonly state: SessionState
  /** Re-reads the session after a sign-in step completed. */
  readonly reload: () => Promise<void>
  readonly signOut: () => Promise<void>
}

const SessionContext = createContext<Session | undefined>(undefined)

/**
 * The user pool tokens alone: identity-pool credentials are fetched when an
 * SDK call needs them, so a user without a role still gets a session (and
 * is told they have no role) rather than a failed sign-in. `fresh` marks
 * tokens this page has just received, for refresh timing.
 */
async function readUser(forceRefresh: boolean, fresh: boolean): Promise<SessionUser | undefined> {
  const tokens = await cognitoUserPoolsTokenProvider.getTokens({ forceRefresh })
  const payload = tokens?.idToken?.payload
  return payload === undefined ? undefined : sessionUserOf(payload, fresh ? Date.now() : undefined)
}

export interface SessionProviderProps {
  readonly children: ReactNode
  /** Called when the signed-in user changes (sign-out, another user), to drop their cached data. */
  readonly onUserChange?: () => void
}

export function SessionProvider({ children, onUserChange }: SessionProviderProps) {
  const [state, dispatch] = useReducer(sessionTransition, INITIAL_SESSION)

  useEffect(() => {
    readUser(false, false).then(
      (user) => dispatch({ type: 'tokensRead', user }),
      () => dispatch({ type: 'tokensRead', user: undefined }),
    )
    // Amplify also refreshes when an SDK call needs credentials; a refresh
    // token it finds dead there ends the session the same way. (Transient
    // failures there surface as that call's error; the timer below retries.)
    return Hub.listen('auth', ({ payload }) => {
      if (
        payload.event === 'tokenRefresh_failure' &&
        refreshFailureOf(payload.data.error) === 'auth'
      )
        dispatch({ type: 'refreshFailed', failure: 'auth' })
    })
  }, [])

  const username = usernameOf(state)
  const previousUsername = useRef(username)
  useEffect(() => {
    const previous = previousUsername.current
    previousUsername.current = username
    if (previous !== undefined && previous !== username) onUserChange?.()
  }, [username, onUserChange])

  // Refresh ahead of expiry while the page is open, so an idle page (a wall
  // display) notices a dead session and a busy one never signs with a stale
  // token; after a transient failure, retry with backoff.
  const user = state.status === 'signedIn' ? state.user : undefined
  const refreshFailures = state.status === 'signedIn' ? state.refreshFailures : 0
  useEffect(() => {
    if (user === undefined) return
    const delayMs =
      refreshFailures > 0 ? refreshRetryDelayMs(refreshFailures) : refreshDelayMs(user, Date.now())
    if (delayMs === undefined) return
    const timer = setTimeout(() => {
      readUser(true, true).then(
        (next) => dispatch({ type: 'tokensRead', user: next }),
        (error: unknown) => dispatch({ type: 'refreshFailed', failure: refreshFailureOf(error) }),
      )
    }, delayMs)
    return () => clearTimeout(timer)
  }, [user, refreshFailures])

  const reload = useCallback(async () => {
    const next = await readUser(false, true).catch(() => undefined)
    dispatch({ type: 'tokensRead', user: next })
  }, [])

  const signOut = useCallback(async () => {
    // A global sign-out revokes the refresh token everywhere; fall back to
    // forgetting it locally if Cognito cannot be reached.
    await amplifySignOut({ global: true }).catch(() => amplifySignOut())
    dispatch({ type: 'signedOut' })
  }, [])

  const session = useMemo(() => ({ state, reload, signOut }), [state, reload, signOut])
  return <SessionContext value={session}>{children}</SessionContext>
}

export function useSession(): Session {
  const session = use(SessionContext)
  if (session === undefined) throw new Error('useSession needs a SessionProvider.')
  return session
}

/** The signed-in (or expired) user; pages behind the sign-in guard only. */
export function useSessionUser(): SessionUser {
  const { state } = useSession()
  if (state.status !== 'signedIn' && state.status !== 'expired') {
    throw new Error('useSessionUser is for pages behind the sign-in guard.')
  }
  return state.user
}
