import { useQueryClient } from '@tanstack/react-query'
import { SessionExpiredModal } from '@/features/auth/components/session-expired-modal.tsx'
import { useSession } from '@/lib/auth/session.tsx'
import { AwsClientsProvider } from '@/lib/aws/aws-clients-context.tsx'
import { LiveEventsProvider } from '@/lib/live/live-events-provider.tsx'
import { AppShell } from '../layout/app-shell.tsx'
import { SignedInGate } from './signed-in-gate.tsx'

/**
 * Every page but sign-in and the wall display: the shell for a signed-in
 * user (SignedInGate redirects anyone else), and the expired-session prompt
 * over the page when a refresh failed.
 */
export function SignedInLayout() {
  const { reload, signOut } = useSession()
  const queryClient = useQueryClient()
  return (
    <SignedInGate>
      {(user, expired) => (
        <>
          <AwsClientsProvider>
            <LiveEventsProvider>
              <AppShell user={user} onSignOut={() => void signOut()} />
            </LiveEventsProvider>
          </AwsClientsProvider>
          {expired && (
            <SessionExpiredModal
              username={user.username}
              onSignOut={() => void signOut()}
              onSignedIn={async () => {
                await reload()
                await queryClient.invalidateQueries()
              }}
            />
          )}
        </>
      )}
    </SignedInGate>
  )
}
