import { confirmSignIn, signIn, type SignInOutput } from 'aws-amplify/auth'

/** What the sign-in form does next. */
export type SignInStep = 'done' | 'newPasswordRequired'

/** Sign-in steps a Cognito pool may ask for that Fleetdeck's pools do not use. */
export class UnsupportedSignInStepError extends Error {
  override readonly name = 'UnsupportedSignInStepError'

  constructor(readonly step: string) {
    super(
      `This account needs a sign-in step Fleetdeck does not support (${step}). Ask an administrator.`,
    )
  }
}

function stepOf(output: SignInOutput): SignInStep {
  const step = output.nextStep.signInStep
  if (step === 'DONE') return 'done'
  if (step === 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED') return 'newPasswordRequired'
  throw new UnsupportedSignInStepError(step)
}

/** Amplify's default flow: SRP (USER_SRP_AUTH), so the password never leaves the browser. */
export async function signInWithPassword(username: string, password: string): Promise<SignInStep> {
  return stepOf(await signIn({ username: username.trim(), password }))
}

/** Answers NEW_PASSWORD_REQUIRED: the first sign-in of a user an administrator created. */
export async function setNewPassword(newPassword: string): Promise<SignInStep> {
  return stepOf(await confirmSignIn({ challengeResponse: newPassword }))
}
