import Alert from '@cloudscape-design/components/alert'
import SpaceBetween from '@cloudscape-design/components/space-between'
import Wizard from '@cloudscape-design/components/wizard'
import { useMemo, useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import { thingGroupArn } from '@domain/arn.ts'
import { mergeJobDocumentText } from '@domain/job-document-merge.ts'
import { proceedDecision } from '@domain/rollout-preflight.ts'
import { formatIssue, ValidationError } from '@domain/validation.ts'
import { useNotify } from '@/components/notifications/notifications.tsx'
import { paths } from '@/config/paths.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { DynamicGroupConflictError } from '../../api/create-dynamic-thing-group.ts'
import { JobIdConflictError, newJobId } from '../../api/create-job.ts'
import { useAccountScope } from '../../api/get-account-scope.ts'
import { useRolloutPreflight, type PreflightInput } from '../../api/get-rollout-preflight.ts'
import { useFirmwareReleases } from '../../api/list-firmware-releases.ts'
import { presignFirmwareUrl } from '../../api/presign-firmware-url.ts'
import {
  NoQueryTargetsError,
  resolveJobTargets,
  resolveQuerySnapshot,
  TooManyQueryTargetsError,
  UnknownTargetsError,
} from '../../api/resolve-job-targets.ts'
import { useSubmitFirmwareJob, type SubmissionTargets } from '../../api/submit-firmware-job.ts'
import {
  createJobOptionsInput,
  installDocument,
  type JobOptionsForm,
} from '../../utils/firmware-job-form.ts'
import {
  checkTarget,
  dynamicGroupNameFor,
  queryTargetProblem,
  targetName,
  type JobTargetChoice,
} from '../../utils/job-target.ts'
import { optionsStepErrors, type OptionErrors } from '../../utils/options-errors.ts'
import {
  clearPendingSubmission,
  findPendingSubmission,
  fingerprintOf,
  savePendingSubmission,
  sessionStorageIfAvailable,
  type PendingSubmission,
} from '../../utils/pending-submission.ts'
import { withTemplate, type WizardState } from '../../utils/wizard-state.ts'
import { FirmwareStep, selectedRelease } from './firmware-step.tsx'
import { OptionsStep } from './options-step.tsx'
import { ReviewStep } from './review-step.tsx'
import { TargetStep } from './target-step.tsx'
import { SaveAsTemplate, StartFromTemplate } from './template-controls.tsx'

/** Jobs reaching more devices than this need a typed confirmation, unless config.json says otherwise. */
export const DEFAULT_CONFIRMATION_THRESHOLD = 50
const JOB_ID_PREFIX = 'fleetdeck-install'
const REVIEW_STEP = 3
/**
 * An operator-presigned URL with less time left than this is signed again at
 * creation: devices fetch the document when the job reaches them, which may
 * be minutes after CreateJob.
 */
const RESIGN_MARGIN_MS = 10 * 60 * 1000
/** Stands in for the operator-presigned URL in a submission's fingerprint (it changes each signing). */
const OPERATOR_URL_STAND_IN = 'https://operator-presigned.invalid/firmware.bin'
/** Read only in event handlers (creation), never during render. */
const clockMs = () => Date.now()

export interface FirmwareJobWizardProps {
  readonly initialState: WizardState
  readonly username: string | undefined
  readonly confirmationThreshold?: number
  /** Told once, above the wizard (a template the deep link applied, or why it could not be). */
  readonly initialNotes?: readonly string[]
}

interface ResolvedTarget {
  readonly target: JobTargetChoice
  /**
   * What CreateJob targets: thing or group ARNs, the things a SNAPSHOT query
   * matched, or a dynamic group for a CONTINUOUS query. Undefined for a query
   * until the options step has chosen between the two.
   */
  readonly targets: SubmissionTargets | undefined
}

/** An operator-presigned URL and what it was signed for; any change of those drops it. */
interface SignedUrl {
  readonly imageKey: string
  readonly expiryHours: string
  readonly url: string
  readonly expiresAtMs: number
  readonly cappedByCredentials: boolean
}

const TARGET_FIELDS = [
  'targetKind',
  'targetName',
  'targetNames',
  'targetQuery',
  'model',
  'version',
  'forced',
] as const

export function FirmwareJobWizard({
  initialState,
  username,
  confirmationThreshold = DEFAULT_CONFIRMATION_THRESHOLD,
  initialNotes = [],
}: FirmwareJobWizardProps) {
  const { iot, s3, config } = useAwsClients()
  const navigate = useNavigate()
  const notify = useNotify()
  const account = useAccountScope()
  const catalog = useFirmwareReleases()
  const submit = useSubmitFirmwareJob()
  const [state, setState] = useState(initialState)
  const [step, setStep] = useState(0)
  const [checking, setChecking] = useState(false)
  const [targetError, setTargetError] = useState<string | undefined>(undefined)
  const [firmwareError, setFirmwareError] = useState<string | undefined>(undefined)
  const [optionErrors, setOptionErrors] = useState<OptionErrors>({})
  const [resolved, setResolved] = useState<ResolvedTarget | undefined>(undefined)
  const [signedUrl, setSignedUrl] = useState<SignedUrl | undefined>(undefined)
  const [typed, setTyped] = useState('')
  const [acceptRejections, setAcceptRejections] = useState(false)
  const [confirmationError, setConfirmationError] = useState<string | undefined>(undefined)
  const [submitError, setSubmitError] = useState<string | undefined>(undefined)
  const [templateNotes, setTemplateNotes] = useState<readonly string[]>(initialNotes)
  // The submission in flight, in memory too: sessionStorage may be disabled.
  const pendingRef = useRef<PendingSubmission | undefined>(undefined)
  // Set synchronously, so a double click cannot start two creations while signing.
  const creatingRef = useRef(false)

  const release = selectedRelease(catalog.data, state)
  const operatorMode = state.options.urlMode === 'operator-presigned'
  // Belt and braces with `change`: a URL is used only for what it was signed for.
  const currentUrl =
    operatorMode &&
    signedUrl !== undefined &&
    signedUrl.imageKey === release?.imageKey &&
    signedUrl.expiryHours === state.options.operatorUrlExpiryHours
      ? signedUrl
      : undefined

  const change = (patch: Partial<WizardState>) => {
    setState((current) => ({ ...current, ...patch }))
    // Anything changed after the review invalidates the typed confirmation.
    setTyped('')
    if (TARGET_FIELDS.some((field) => field in patch)) setAcceptRejections(false)
    const options: Partial<JobOptionsForm> = patch.options ?? {}
    if (
      'model' in patch ||
      'version' in patch ||
      (options.urlMode !== undefined && options.urlMode !== state.options.urlMode) ||
      (options.operatorUrlExpiryHours !== undefined &&
        options.operatorUrlExpiryHours !== state.options.operatorUrlExpiryHours)
    ) {
      setSignedUrl(undefined)
    }
    if (
      options.targetSelection !== undefined &&
      options.targetSelection !== state.options.targetSelection
    ) {
      // A query's targets depend on the selection: chosen again on the options step.
      setResolved((current) =>
        current?.target.kind === 'query' ? { ...current, targets: undefined } : current,
      )
    }
  }

  const targetArns = useMemo(() => {
    const targets = resolved?.targets
    if (targets === undefined) return []
    if (targets.kind === 'arns') return [...targets.arns]
    // The group's ARN is known only once it exists; validation needs a well-formed stand-in.
    return account.data === undefined
      ? []
      : [thingGroupArn(account.data, dynamicGroupNameFor('preview'))]
  }, [resolved, account.data])
  const optionsInput = useMemo(
    () =>
      createJobOptionsInput(state.options, {
        targets: targetArns,
        account: account.data,
        username,
      }),
    [state.options, targetArns, account.data, username],
  )
  const documentFor = (url: string | undefined) =>
    release === undefined
      ? undefined
      : mergeJobDocumentText(
          state.options.documentTemplate,
          installDocument(release, {
            forced: state.forced,
            bucket: config.firmwareBucket,
            region: config.region,
            operatorUrl: url,
          }),
        )
  const merged = documentFor(
    operatorMode ? (currentUrl?.url ?? 'https://pending.invalid/firmware.bin') : undefined,
  )

  // A snapshot query's preflight is over the very things it matched.
  const preflightTarget: JobTargetChoice | undefined =
    resolved === undefined
      ? undefined
      : resolved.target.kind === 'query' && resolved.targets?.kind === 'arns'
        ? {
            kind: 'things',
            thingNames: resolved.targets.arns.map((arn) => arn.slice(arn.indexOf(':thing/') + 7)),
          }
        : resolved.target
  const preflightInput: PreflightInput | undefined =
    step === REVIEW_STEP && preflightTarget !== undefined && release !== undefined
      ? { target: preflightTarget, release: { model: release.model, version: release.version } }
      : undefined
  const preflight = useRolloutPreflight(preflightInput)
  const decision =
    preflight.data === undefined
      ? undefined
      : proceedDecision(preflight.data, {
          forced: state.forced,
          acceptRejections,
          confirmationThreshold,
        })
  const confirmationName = resolved === undefined ? '' : targetName(resolved.target)

  async function checkTargetStep(): Promise<ResolvedTarget | undefined> {
    setTargetError(undefined)
    const checked = checkTarget(state.targetKind, {
      name: state.targetName,
      names: state.targetNames,
      query: state.targetQuery,
    })
    if (!checked.ok) {
      setTargetError(checked.message)
      return undefined
    }
    const { target } = checked
    try {
      const next: ResolvedTarget =
        target.kind === 'query'
          ? { target, targets: undefined }
          : { target, targets: { kind: 'arns', arns: await resolveJobTargets(iot, target) } }
      setResolved(next)
      return next
    } catch (error) {
      setTargetError(
        error instanceof UnknownTargetsError
          ? error.message
          : awsErrorMessage(error, 'look up the target'),
      )
      return undefined
    }
  }

  function checkFirmwareStep(target: ResolvedTarget | undefined): boolean {
    if (release === undefined) {
      setFirmwareError('Choose a model and a version from the catalog.')
      return false
    }
    // The preflight's queries carry the model: check the query's budget with it.
    const problem =
      target?.target.kind === 'query'
        ? queryTargetProblem(target.target.queryString, release.model)
        : undefined
    setFirmwareError(
      problem === undefined ? undefined : `The target query is too long for this model: ${problem}`,
    )
    return problem === undefined
  }

  async function signUrl(nowMs: number): Promise<SignedUrl | undefined> {
    if (release === undefined) return undefined
    const expiryHours = state.options.operatorUrlExpiryHours
    const signed = await presignFirmwareUrl(s3, {
      bucket: config.firmwareBucket,
      key: release.imageKey,
      expiresInSeconds: Number(expiryHours) * 3600,
      nowMs,
    })
    const next = { ...signed, imageKey: release.imageKey, expiryHours }
    setSignedUrl(next)
    return next
  }

  async function checkOptionsStep(
    target: ResolvedTarget | undefined,
  ): Promise<ResolvedTarget | undefined> {
    if (account.data === undefined) {
      setOptionErrors({
        targets: account.isError
          ? awsErrorMessage(account.error, 'learn the AWS account id')
          : 'Still learning the AWS account id; try again.',
      })
      return undefined
    }
    if (target === undefined || merged === undefined) return undefined
    let next = target
    if (target.target.kind === 'query') {
      const { queryString } = target.target
      if (state.options.targetSelection === 'CONTINUOUS') {
        next = { target: target.target, targets: { kind: 'dynamic-group', queryString } }
      } else {
        try {
          const arns = await resolveQuerySnapshot(iot, { queryString, account: account.data })
          next = { target: target.target, targets: { kind: 'arns', arns } }
        } catch (error) {
          setOptionErrors({
            targets:
              error instanceof TooManyQueryTargetsError || error instanceof NoQueryTargetsError
                ? error.message
                : awsErrorMessage(error, 'find the things the query matches'),
          })
          return undefined
        }
      }
    }
    const arns =
      next.targets?.kind === 'arns'
        ? [...next.targets.arns]
        : [thingGroupArn(account.data, dynamicGroupNameFor('preview'))]
    const input = createJobOptionsInput(state.options, {
      targets: arns,
      account: account.data,
      username,
    })
    const errors = optionsStepErrors(state.options, input, merged, Date.now())
    setOptionErrors(errors)
    if (Object.keys(errors).length > 0) return undefined
    const nowMs = Date.now()
    if (
      operatorMode &&
      (currentUrl === undefined || currentUrl.expiresAtMs - nowMs < RESIGN_MARGIN_MS)
    ) {
      try {
        await signUrl(nowMs)
      } catch (error) {
        setOptionErrors({
          operatorUrlExpiryHours: awsErrorMessage(error, 'pre-sign the firmware URL'),
        })
        return undefined
      }
    }
    setResolved(next)
    return next
  }

  /**
   * The Cloudscape wizard lets the operator jump to any step visited before,
   * so every step from the current one up to the requested one is checked,
   * in order, each with what the previous one resolved; the first that fails
   * is shown.
   */
  async function navigateTo(requested: number) {
    if (requested <= step) {
      setStep(requested)
      return
    }
    setChecking(true)
    try {
      let target = resolved
      for (let index = step; index < requested; index += 1) {
        let ok: boolean
        if (index === 0) {
          target = await checkTargetStep()
          ok = target !== undefined
        } else if (index === 1) {
          ok = checkFirmwareStep(target)
        } else {
          const next = await checkOptionsStep(target)
          ok = next !== undefined
          target = next
        }
        if (!ok) {
          setStep(index)
          return
        }
      }
      setSubmitError(undefined)
      setStep(requested)
    } finally {
      setChecking(false)
    }
  }

  async function create() {
    if (creatingRef.current || submit.isPending) return
    const targets = resolved?.targets
    if (resolved === undefined || release === undefined || account.data === undefined) return
    setSubmitError(undefined)
    if (targets === undefined) {
      setSubmitError('Go back to the options step: the query target is not resolved yet.')
      return
    }
    if (preflight.isError) {
      setSubmitError(
        `${awsErrorMessage(preflight.error, 'run the preflight')} Retry the preflight: the job is created only once it is known whom it downgrades.`,
      )
      return
    }
    if (decision === undefined) {
      setSubmitError(
        'Wait for the preflight: the job is created only once it is known whom it downgrades.',
      )
      return
    }
    if (decision.kind === 'blocked') {
      setSubmitError(decision.reason)
      return
    }
    if (decision.kind === 'confirm' && typed.trim() !== confirmationName) {
      setConfirmationError(`Type ${confirmationName} exactly to confirm.`)
      return
    }
    setConfirmationError(undefined)
    const standIn = documentFor(operatorMode ? OPERATOR_URL_STAND_IN : undefined)
    if (standIn === undefined || !standIn.ok) {
      setSubmitError(
        standIn === undefined
          ? 'The document is not ready.'
          : standIn.issues.map(formatIssue).join(' '),
      )
      return
    }
    creatingRef.current = true
    let handedOff = false
    setChecking(true)
    try {
      const { targets: _targets, ...options } = optionsInput
      const jobTemplateArn = state.jobTemplate?.arn
      // One job id per request: the same request after a failure, a double
      // click or a reload reuses it, so AWS can never create a second job.
      const fingerprint = fingerprintOf({
        document: standIn.value.text,
        options,
        targets,
        jobTemplateArn: jobTemplateArn ?? null,
      })
      const stores = { memory: pendingRef, storage: sessionStorageIfAvailable() }
      const nowMs = clockMs()
      const existing = findPendingSubmission(stores, fingerprint, nowMs)
      const fresh = (url: { expiresAtMs: number } | undefined) =>
        url !== undefined && url.expiresAtMs - nowMs >= RESIGN_MARGIN_MS
      let operatorUrl: { url: string; expiresAtMs: number } | undefined
      if (operatorMode) {
        operatorUrl = fresh(existing?.operatorUrl)
          ? existing?.operatorUrl
          : fresh(currentUrl)
            ? currentUrl
            : await signUrl(nowMs)
        if (operatorUrl === undefined) return
      }
      const entry: PendingSubmission = {
        fingerprint,
        jobId: existing?.jobId ?? newJobId(JOB_ID_PREFIX),
        ...(operatorUrl === undefined
          ? {}
          : { operatorUrl: { url: operatorUrl.url, expiresAtMs: operatorUrl.expiresAtMs } }),
        savedAtMs: existing?.savedAtMs ?? nowMs,
      }
      savePendingSubmission(stores, entry)
      const document = operatorUrl === undefined ? standIn : documentFor(operatorUrl.url)
      if (document === undefined || !document.ok) {
        setSubmitError('The document is not ready.')
        return
      }
      submit.mutate(
        {
          jobId: entry.jobId,
          targets,
          account: account.data,
          document: document.value.document,
          options,
          jobTemplateArn,
        },
        {
          onSuccess: (job) => {
            clearPendingSubmission(stores)
            notify({
              type: 'success',
              header: `Created job ${job.jobId}`,
              content: `Installing ${release.model} ${release.version} on ${confirmationName}.`,
            })
            void navigate(paths.jobs.list())
          },
          onSettled: () => {
            creatingRef.current = false
          },
          onError: (error) => {
            // The id belongs to something else: the next attempt needs a new one.
            if (error instanceof JobIdConflictError || error instanceof DynamicGroupConflictError)
              clearPendingSubmission(stores)
            setSubmitError(
              error instanceof ValidationError
                ? error.issues.map(formatIssue).join(' ')
                : error instanceof JobIdConflictError || error instanceof DynamicGroupConflictError
                  ? error.message
                  : awsErrorMessage(error, 'create the job'),
            )
          },
        },
      )
      handedOff = true
    } catch (error) {
      setSubmitError(awsErrorMessage(error, 'pre-sign the firmware URL'))
    } finally {
      if (!handedOff) creatingRef.current = false
      setChecking(false)
    }
  }

  const documentProblem =
    merged !== undefined && !merged.ok ? merged.issues.map(formatIssue).join(' ') : undefined
  const templateSource =
    merged !== undefined && merged.ok && account.data !== undefined
      ? { document: merged.value.document, options: optionsInput, account: account.data }
      : undefined

  return (
    <SpaceBetween size="l">
      {step < REVIEW_STEP ? (
        <StartFromTemplate
          initialTemplateId={state.jobTemplate?.id}
          onApply={(prefill, jobTemplateId) => {
            change(withTemplate(state, prefill, jobTemplateId))
            setTemplateNotes([`Applied template ${jobTemplateId}.`, ...prefill.notes])
          }}
        />
      ) : null}
      {templateNotes.length > 0 && step < REVIEW_STEP ? (
        <Alert type="info" dismissible onDismiss={() => setTemplateNotes([])}>
          {templateNotes.join(' ')}
        </Alert>
      ) : null}
      <Wizard
        activeStepIndex={step}
        onNavigate={({ detail }) => void navigateTo(detail.requestedStepIndex)}
        onCancel={() => void navigate(paths.jobs.list())}
        onSubmit={() => void create()}
        isLoadingNextStep={checking || submit.isPending}
        submitButtonText="Create job"
        secondaryActions={
          step === REVIEW_STEP ? (
            <SaveAsTemplate
              template={templateSource}
              defaultDescription={state.options.description}
            />
          ) : undefined
        }
        i18nStrings={{
          stepNumberLabel: (stepNumber) => `Step ${stepNumber}`,
          collapsedStepsLabel: (stepNumber, stepsCount) => `Step ${stepNumber} of ${stepsCount}`,
          navigationAriaLabel: 'Steps',
          cancelButton: 'Cancel',
          previousButton: 'Previous',
          nextButton: 'Next',
          optional: 'optional',
        }}
        steps={[
          {
            title: 'Choose the target',
            content: <TargetStep state={state} onChange={change} errorText={targetError} />,
          },
          {
            title: 'Choose the firmware',
            content: <FirmwareStep state={state} onChange={change} errorText={firmwareError} />,
          },
          {
            title: 'Set the options',
            errorText: optionErrors.targets,
            content: (
              <OptionsStep
                options={state.options}
                onChange={(patch) => change({ options: { ...state.options, ...patch } })}
                errors={optionErrors}
                username={username}
              />
            ),
          },
          {
            title: 'Review and create',
            errorText: submitError,
            content: (
              <ReviewStep
                targetLabel={resolved === undefined ? '' : targetLabelOf(resolved)}
                releaseLabel={release === undefined ? '' : `${release.model} ${release.version}`}
                forced={state.forced}
                options={state.options}
                jobTemplateId={state.jobTemplate?.id}
                operatorUrl={currentUrl}
                documentText={merged !== undefined && merged.ok ? merged.value.text : undefined}
                documentProblem={documentProblem}
                overridden={merged !== undefined && merged.ok ? merged.value.overridden : []}
                preflight={preflight.data}
                preflightPending={preflight.isPending}
                preflightError={
                  preflight.isError
                    ? awsErrorMessage(preflight.error, 'run the preflight')
                    : undefined
                }
                onRetryPreflight={() => void preflight.refetch()}
                decision={decision}
                confirmationName={confirmationName}
                typedConfirmation={typed}
                onTypedConfirmationChange={setTyped}
                confirmationError={confirmationError}
                downgradeCount={state.forced ? 0 : (preflight.data?.counts.downgrade ?? 0)}
                truncated={!state.forced && preflight.data?.truncated === true}
                acceptRejections={acceptRejections}
                onAcceptRejectionsChange={setAcceptRejections}
              />
            ),
          },
        ]}
      />
    </SpaceBetween>
  )
}

function targetLabelOf({ target, targets }: ResolvedTarget): string {
  switch (target.kind) {
    case 'thing':
      return `Thing ${target.thingName}`
    case 'things':
      return `${target.thingNames.length} things: ${target.thingNames.slice(0, 5).join(', ')}${target.thingNames.length > 5 ? ', …' : ''}`
    case 'group':
      return `Thing group ${target.thingGroupName}`
    case 'query':
      return targets?.kind === 'arns'
        ? `Query ${target.queryString}: the ${targets.arns.length} things it matches now (snapshot; no group is created)`
        : `Query ${target.queryString}: a new dynamic thing group fleetdeck-<job id>, which stays for as long as the continuous job runs`
  }
}
