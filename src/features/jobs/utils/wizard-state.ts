import { defaultJobOptionsForm, type JobOptionsForm } from './firmware-job-form.ts'
import type { TargetKind } from './job-target.ts'

/**
 * What the firmware job wizard holds while the operator fills it in, and
 * how a deep link prefills it: `?thing=`, `?things=a,b`, `?group=`,
 * `?query=`, `?model=&version=`, `?template=`.
 */
export interface WizardState {
  readonly targetKind: TargetKind
  /** A thing or group name, for those kinds. */
  readonly targetName: string
  /** Several thing names, one a line. */
  readonly targetNames: string
  readonly targetQuery: string
  readonly model: string
  readonly version: string
  readonly forced: boolean
  readonly options: JobOptionsForm
}

export const emptyWizardState: WizardState = {
  targetKind: 'group',
  targetName: '',
  targetNames: '',
  targetQuery: '',
  model: '',
  version: '',
  forced: false,
  options: defaultJobOptionsForm,
}

export function wizardStateFromParams(params: URLSearchParams): WizardState {
  const release = { model: params.get('model') ?? '', version: params.get('version') ?? '' }
  const thing = params.get('thing')
  const things = params.get('things')
  const group = params.get('group')
  const query = params.get('query')
  if (thing !== null)
    return { ...emptyWizardState, ...release, targetKind: 'thing', targetName: thing }
  if (things !== null) {
    return {
      ...emptyWizardState,
      ...release,
      targetKind: 'things',
      targetNames: things.split(',').join('\n'),
    }
  }
  if (query !== null)
    return { ...emptyWizardState, ...release, targetKind: 'query', targetQuery: query }
  return { ...emptyWizardState, ...release, targetName: group ?? '' }
}
