import { defaultJobOptionsForm, type JobOptionsForm } from './firmware-job-form.ts'
import type { TargetKind } from './job-target.ts'
import type { TemplatePrefill } from './template-prefill.ts'

/**
 * What the firmware job wizard holds while the operator fills it in, and
 * how a deep link prefills it: `?thing=`, `?things=a,b`, `?group=`,
 * `?query=`, `?model=&version=`, `?template=<job template id>` (the page
 * reads the template and applies it with `withTemplate`; the release in the
 * link wins over the template's).
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
  /** The job template applied, if any: CreateJob gets its ARN. */
  readonly jobTemplate?: { readonly id: string; readonly arn: string | undefined }
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

/** The job template a deep link names, if any. */
export const templateIdFromParams = (params: URLSearchParams): string | undefined => {
  const id = params.get('template')?.trim()
  return id === undefined || id === '' ? undefined : id
}

/**
 * The state with a job template applied: its options, custom fields and
 * release replace the form's (the target stays). `keepRelease` keeps a
 * release the deep link chose explicitly.
 */
export function withTemplate(
  state: WizardState,
  prefill: TemplatePrefill,
  jobTemplateId: string,
  { keepRelease = false }: { readonly keepRelease?: boolean } = {},
): WizardState {
  const release =
    keepRelease && state.model !== ''
      ? {}
      : {
          ...(prefill.model === undefined ? {} : { model: prefill.model }),
          ...(prefill.version === undefined ? {} : { version: prefill.version }),
        }
  return {
    ...state,
    ...release,
    ...(prefill.forced === undefined ? {} : { forced: prefill.forced }),
    options: prefill.options,
    jobTemplate: { id: jobTemplateId, arn: prefill.jobTemplateArn },
  }
}
