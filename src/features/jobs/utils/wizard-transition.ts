import type { JobOptionsForm } from './firmware-job-form.ts'
import type { SignedUrl } from './operator-url.ts'
import type { ResolvedTarget } from './resolved-target.ts'
import type { WizardState } from './wizard-state.ts'

/** The firmware job wizard's form and what its checks resolved from it. */
export interface WizardSession {
  readonly form: WizardState
  readonly resolved: ResolvedTarget | undefined
  readonly signedUrl: SignedUrl | undefined
  readonly typedConfirmation: string
  readonly acceptRejections: boolean
}

export type WizardAction =
  | { readonly type: 'change'; readonly patch: Partial<WizardState> }
  | { readonly type: 'resolved'; readonly resolved: ResolvedTarget }
  | { readonly type: 'signed'; readonly signedUrl: SignedUrl }
  | { readonly type: 'typed'; readonly text: string }
  | { readonly type: 'accept-rejections'; readonly accepted: boolean }

const TARGET_FIELDS = [
  'targetKind',
  'targetName',
  'targetNames',
  'targetQuery',
  'model',
  'version',
  'forced',
] as const satisfies readonly (keyof WizardState)[]

export const initialWizardSession = (form: WizardState): WizardSession => ({
  form,
  resolved: undefined,
  signedUrl: undefined,
  typedConfirmation: '',
  acceptRejections: false,
})

export function wizardTransition(session: WizardSession, action: WizardAction): WizardSession {
  switch (action.type) {
    case 'change':
      return change(session, action.patch)
    case 'resolved':
      return { ...session, resolved: action.resolved }
    case 'signed':
      return { ...session, signedUrl: action.signedUrl }
    case 'typed':
      return { ...session, typedConfirmation: action.text }
    case 'accept-rejections':
      return { ...session, acceptRejections: action.accepted }
  }
}

function change(session: WizardSession, patch: Partial<WizardState>): WizardSession {
  const before = session.form.options
  const options: Partial<JobOptionsForm> = patch.options ?? {}
  // A URL is used only for what it was signed for.
  const dropsSignedUrl =
    'model' in patch ||
    'version' in patch ||
    (options.urlMode !== undefined && options.urlMode !== before.urlMode) ||
    (options.operatorUrlExpiryHours !== undefined &&
      options.operatorUrlExpiryHours !== before.operatorUrlExpiryHours)
  // A query's targets depend on the selection: chosen again on the options step.
  const dropsQueryTargets =
    options.targetSelection !== undefined && options.targetSelection !== before.targetSelection
  const { resolved } = session
  return {
    form: { ...session.form, ...patch },
    resolved:
      dropsQueryTargets && resolved?.target.kind === 'query'
        ? { ...resolved, targets: undefined }
        : resolved,
    signedUrl: dropsSignedUrl ? undefined : session.signedUrl,
    // Anything changed after the review invalidates the typed confirmation.
    typedConfirmation: '',
    acceptRejections: TARGET_FIELDS.some((field) => field in patch)
      ? false
      : session.acceptRejections,
  }
}
