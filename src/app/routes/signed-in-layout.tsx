import Box from '@cloudscape-design/components/box'
import Button from '@cloudscape-design/components/button'
import { useQueryClient } from '@tanstack/react-query'
import { Navigate, useLocation } from 'react-router'
import { paths } from '@/config/paths.ts'
import { SessionExpiredModal } from '@/features/auth/components/session-expired-modal.tsx'
import { useSession } from '@/lib/auth/session.tsx'
import { AwsClientsProvider } from '@/lib/aws/aws-clients-context.tsx'
import { AppShell } from '../layout/app-shell.tsx'
import { PageLoading } from './page-loading.tsx'

/**
 * Every page but sign-in: the shell for a signed-in user, a redirect to
 * sign-in (remembering where they were going) otherwise, and the expired-
 * session prompt over the page when a refresh failed.
 */
export function SignedInLayout() {
  const { state, reload, signOut } = useSession()
  const location = useLocation()
  const queryClient = useQueryClient()

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
  return (
    <>
      <AwsClientsProvider>
        <AppShell user={state.user} onSignOut={() => void signOut()} />
      </AwsClientsProvider>
      {state.status === 'expired' && (
        <SessionExpiredModal
          username={state.user.username}
          onSignOut={() => void signOut()}
          onSignedIn={async () => {
            await reload()
            await queryClient.invalidateQueries()
          }}
        />
      )}
    </>
  )
}
