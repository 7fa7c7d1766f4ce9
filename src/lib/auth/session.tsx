import { signOut as amplifySignOut } from 'aws-amplify/auth'
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito'
import { Hub } from 'aws-amplify/utils'
import {
  createContext,
  use,
  useCallback,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react'
import { refreshDelayMs } from './refresh-delay.ts'
import { sessionUserOf, type SessionUser } from './session-user.ts'

/**
 * The signed-in user's session. `expired` keeps the user (and the page)
 * while asking them to sign in again: it follows a failed refresh, when the
 * refresh token has expired or was revoked.
 */
export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signedOut' }
  | { readonly status: 'signedIn'; readonly user: SessionUser }
  | { readonly status: 'expired'; readonly user: SessionUser }

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
 * is told they have no role) rather than a failed sign-in.
 */
async function readSession(forceRefresh = false): Promise<SessionState> {
  const tokens = await cognitoUserPoolsTokenProvider.getTokens({ forceRefresh })
  const payload = tokens?.idToken?.payload
  if (payload === undefined) return { status: 'signedOut' }
  return { status: 'signedIn', user: sessionUserOf(payload) }
}

export interface SessionProviderProps {
  readonly children: ReactNode
  /** Called when the signed-in user changes (sign-out, another user), to drop their cached data. */
  readonly onUserChange?: () => void
}

export function SessionProvider({ children, onUserChange }: SessionProviderProps) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })

  const apply = useCallback(
    (next: SessionState) =>
      setState((previous) => {
        const before = 'user' in previous ? previous.user.username : undefined
        const after = 'user' in next ? next.user.username : undefined
        if (before !== undefined && after !== before) onUserChange?.()
        return next
      }),
    [onUserChange],
  )

  const expire = useCallback(
    () =>
      setState((previous) =>
        previous.status === 'signedIn' ? { status: 'expired', user: previous.user } : previous,
      ),
    [],
  )

  const reload = useCallback(async () => {
    apply(await readSession().catch((): SessionState => ({ status: 'signedOut' })))
  }, [apply])

  useEffect(() => {
    readSession().then(apply, () => apply({ status: 'signedOut' }))
    // Sign-outs are not followed here: the expired-session prompt signs
    // Amplify out to sign in again, and must keep the page meanwhile.
    return Hub.listen('auth', ({ payload }) => {
      if (payload.event === 'tokenRefresh_failure') expire()
    })
  }, [apply, expire])

  // Refresh ahead of expiry while the page is open, so an idle page (a wall
  // display) notices a dead session and a busy one never signs with a stale token.
  const user = state.status === 'signedIn' ? state.user : undefined
  useEffect(() => {
    if (user === undefined) return
    const delayMs = refreshDelayMs(user, Date.now())
    const timer = setTimeout(() => {
      readSession(true).then(
        (next) => (next.status === 'signedIn' ? apply(next) : expire()),
        expire,
      )
    }, delayMs)
    return () => clearTimeout(timer)
  }, [user, apply, expire])

  const signOut = useCallback(async () => {
    // A global sign-out revokes the refresh token everywhere; fall back to
    // forgetting it locally if Cognito cannot be reached.
    await amplifySignOut({ global: true }).catch(() => amplifySignOut())
    apply({ status: 'signedOut' })
  }, [apply])

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
