import Alert from '@cloudscape-design/components/alert'
import Button from '@cloudscape-design/components/button'
import Form from '@cloudscape-design/components/form'
import FormField from '@cloudscape-design/components/form-field'
import Input from '@cloudscape-design/components/input'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { useState, type FormEvent } from 'react'
import { setNewPassword, signInWithPassword, type SignInStep } from '../api/sign-in.ts'
import { signInErrorMessage } from '../api/sign-in-error-message.ts'

export interface SignInFormProps {
  /** Called once Cognito has issued tokens. */
  readonly onSignedIn: () => Promise<void> | void
  /** Fixed when an expired session signs in again as the same user. */
  readonly username?: string
}

/** Email and password, then, for a user an administrator created, a new password. */
export function SignInForm({ onSignedIn, username: fixedUsername }: SignInFormProps) {
  const [step, setStep] = useState<'credentials' | SignInStep>('credentials')
  const [username, setUsername] = useState(fixedUsername ?? '')
  const [password, setPassword] = useState('')
  const [newPassword, setNewPasswordText] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [error, setError] = useState<string>()
  const [fieldError, setFieldError] = useState<string>()
  const [isBusy, setBusy] = useState(false)
  const isNewPassword = step === 'newPasswordRequired'

  const advance = async (next: SignInStep) => {
    if (next === 'done') await onSignedIn()
    else setStep(next)
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(undefined)
    setFieldError(undefined)
    if (!isNewPassword && (username.trim() === '' || password === '')) {
      setFieldError('Enter your email and password.')
      return
    }
    if (isNewPassword && newPassword !== confirmation) {
      setFieldError('The two passwords differ.')
      return
    }
    setBusy(true)
    try {
      await advance(
        isNewPassword
          ? await setNewPassword(newPassword)
          : await signInWithPassword(username, password),
      )
    } catch (caught) {
      setError(signInErrorMessage(caught))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Form
        actions={
          <Button variant="primary" formAction="submit" loading={isBusy}>
            {isNewPassword ? 'Set password and sign in' : 'Sign in'}
          </Button>
        }
        errorText={error}
        errorIconAriaLabel="Error"
      >
        <SpaceBetween size="l">
          {isNewPassword ? (
            <>
              <Alert type="info">Choose a new password to finish your first sign-in.</Alert>
              <FormField label="New password" errorText={fieldError}>
                <Input
                  type="password"
                  value={newPassword}
                  autoComplete="new-password"
                  onChange={({ detail }) => setNewPasswordText(detail.value)}
                />
              </FormField>
              <FormField label="Confirm new password">
                <Input
                  type="password"
                  value={confirmation}
                  autoComplete="new-password"
                  onChange={({ detail }) => setConfirmation(detail.value)}
                />
              </FormField>
            </>
          ) : (
            <>
              <FormField label="Email" errorText={fieldError}>
                <Input
                  type="email"
                  value={username}
                  disabled={fixedUsername !== undefined}
                  autoComplete="username"
                  autoFocus={fixedUsername === undefined}
                  onChange={({ detail }) => setUsername(detail.value)}
                />
              </FormField>
              <FormField label="Password">
                <Input
                  type="password"
                  value={password}
                  autoComplete="current-password"
                  autoFocus={fixedUsername !== undefined}
                  onChange={({ detail }) => setPassword(detail.value)}
                />
              </FormField>
            </>
          )}
        </SpaceBetween>
      </Form>
    </form>
  )
}
