import { useQueryClient } from '@tanstack/react-query'
import { SessionExpiredNotice } from '@/features/auth/components/session-expired-notice.tsx'
import { WallPage } from '@/features/wall/components/wall-page.tsx'
import { useSession } from '@/lib/auth/session.tsx'
import { AwsClientsProvider } from '@/lib/aws/aws-clients-context.tsx'
import { LiveEventsProvider } from '@/lib/live/live-events-provider.tsx'
import { useForcedColorMode } from '@/lib/theme.ts'
import { SignedInGate } from './signed-in-gate.tsx'

/**
 * `/wall`: the wall display, full screen, outside the app shell but behind
 * the same sign-in and with the same SDK clients and live events. Always
 * dark; the user's own mode comes back when they leave. When the session
 * cannot be refreshed any more (the refresh token expired or was revoked)
 * the whole screen says so, over the wall, which stays mounted so signing
 * in again here resumes it with its history.
 */
export function WallRoute() {
  useForcedColorMode('dark')
  const { reload } = useSession()
  const queryClient = useQueryClient()
  return (
    <SignedInGate>
      {(user, expired) => (
        <>
          <AwsClientsProvider>
            <LiveEventsProvider>
              <WallPage username={user.username} />
            </LiveEventsProvider>
          </AwsClientsProvider>
          {expired ? (
            <SessionExpiredNotice
              username={user.username}
              onSignedIn={async () => {
                await reload()
                await queryClient.invalidateQueries()
              }}
            />
          ) : null}
        </>
      )}
    </SignedInGate>
  )
}
