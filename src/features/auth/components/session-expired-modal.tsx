import Box from '@cloudscape-design/components/box'
import Modal from '@cloudscape-design/components/modal'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { signOut } from 'aws-amplify/auth'
import { useEffect } from 'react'
import { SignInForm } from './sign-in-form.tsx'

export interface SessionExpiredModalProps {
  readonly username: string
  readonly onSignedIn: () => Promise<void> | void
  readonly onSignOut: () => void
}

/**
 * Shown over the page when the session could not be refreshed (the refresh
 * token expired or was revoked): signing in again keeps the page, its URL
 * and its filters.
 */
export function SessionExpiredModal({ username, onSignedIn, onSignOut }: SessionExpiredModalProps) {
  // Amplify refuses a new sign-in while it still holds the dead tokens.
  useEffect(() => {
    void signOut().catch(() => undefined)
  }, [])
  return (
    <Modal
      visible
      header="Your session has expired"
      closeAriaLabel="Sign out"
      onDismiss={onSignOut}
    >
      <SpaceBetween size="m">
        <Box>Sign in again to carry on where you were.</Box>
        <SignInForm username={username} onSignedIn={onSignedIn} />
      </SpaceBetween>
    </Modal>
  )
}
