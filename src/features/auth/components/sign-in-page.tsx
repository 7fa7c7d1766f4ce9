import Box from '@cloudscape-design/components/box'
import Container from '@cloudscape-design/components/container'
import Header from '@cloudscape-design/components/header'
import { SignInForm } from './sign-in-form.tsx'

export interface SignInPageProps {
  readonly onSignedIn: () => Promise<void> | void
}

export function SignInPage({ onSignedIn }: SignInPageProps) {
  return (
    <main className="sign-in-page">
      <Container
        header={
          <Header
            variant="h1"
            description="Firmware and configuration rollouts for AWS IoT fleets."
          >
            Sign in to Fleetdeck
          </Header>
        }
        footer={
          <Box variant="small" color="text-body-secondary">
            Operators and viewers sign in with the account their administrator created.
          </Box>
        }
      >
        <SignInForm onSignedIn={onSignedIn} />
      </Container>
    </main>
  )
}
