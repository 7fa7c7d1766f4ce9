import Box from '@cloudscape-design/components/box'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { signOut } from 'aws-amplify/auth'
import { useEffect, useState } from 'react'
import { SignInForm } from './sign-in-form.tsx'

export interface SessionExpiredNoticeProps {
  readonly username: string
  readonly onSignedIn: () => Promise<void> | void
}

/**
 * The expired-session prompt for a screen nobody watches closely (the wall
 * display): the whole screen says it stopped updating and since when,
 * rather than a dialog over numbers that look current but are frozen.
 * Signing in again here resumes it.
 */
export function SessionExpiredNotice({ username, onSignedIn }: SessionExpiredNoticeProps) {
  const [sinceMs] = useState(() => Date.now())
  // Amplify refuses a new sign-in while it still holds the dead tokens.
  useEffect(() => {
    void signOut().catch(() => undefined)
  }, [])
  return (
    <div className="session-expired-notice" role="alert" data-testid="session-expired-notice">
      <SpaceBetween size="l">
        <h1 className="session-expired-notice-title">Session expired</h1>
        <Box variant="p" fontSize="heading-l">
          This screen stopped updating at{' '}
          {new Date(sinceMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}{' '}
          because the sign-in of {username} expired or was revoked. What it showed is no longer
          current. Sign in again to resume.
        </Box>
        <div className="session-expired-notice-form">
          <SignInForm username={username} onSignedIn={onSignedIn} />
        </div>
      </SpaceBetween>
    </div>
  )
}
