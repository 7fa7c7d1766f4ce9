import Box from '@cloudscape-design/components/box'
import Button from '@cloudscape-design/components/button'
import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { paths } from '@/config/paths.ts'
import { useSession } from '@/lib/auth/session.tsx'
import type { SessionUser } from '@/lib/auth/session-user.ts'
import { PageLoading } from './page-loading.tsx'

export interface SignedInGateProps {
  /** What a signed-in user with a Fleetdeck role sees; `expired` while they must sign in again. */
  readonly children: (user: SessionUser, expired: boolean) => ReactNode
}

/**
 * What every route behind sign-in shares, whatever it draws around itself
 * (the app shell, or the wall display's full screen): a spinner while the
 * session is read, a redirect to sign-in that remembers where the user was
 * going, and a plain answer for a user in neither role.
 */
export function SignedInGate({ children }: SignedInGateProps) {
  const { state, signOut } = useSession()
  const location = useLocation()

  if (state.status === 'loading') {
    return <PageLoading />
  }
  if (state.status === 'signedOut') {
    return <Navigate to={paths.signIn(`${location.pathname}${location.search}`)} replace />
  }
  if (state.user.role === undefined) {
    return (
      <Box textAlign="center" padding="xxxl">
        <Box variant="h1">No Fleetdeck role</Box>
        <Box variant="p">
          {state.user.username} is in neither the operator nor the viewer group. Ask an
          administrator to add you to one.
        </Box>
        <Button onClick={() => void signOut()}>Sign out</Button>
      </Box>
    )
  }
  return children(state.user, state.status === 'expired')
}
