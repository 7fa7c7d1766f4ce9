import Alert from '@cloudscape-design/components/alert'
import SpaceBetween from '@cloudscape-design/components/space-between'
import Wizard from '@cloudscape-design/components/wizard'
import { useMemo, useState } from 'react'
import { useNavigate } from 'react-router'
import { thingGroupArn } from '@domain/arn.ts'
import { mergeJobDocumentText } from '@domain/job-document-merge.ts'
import { proceedDecision } from '@domain/rollout-preflight.ts'
import { formatIssue, ValidationError } from '@domain/validation.ts'
import { useNotify } from '@/components/notifications/notifications.tsx'
import { paths } from '@/config/paths.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { newJobId } from '../../api/create-job.ts'
import { useAccountScope } from '../../api/get-account-scope.ts'
import { useRolloutPreflight } from '../../api/get-rollout-preflight.ts'
import { useFirmwareReleases } from '../../api/list-firmware-releases.ts'
import { presignFirmwareUrl } from '../../api/presign-firmware-url.ts'
import { resolveJobTargets, UnknownTargetsError } from '../../api/resolve-job-targets.ts'
import { useSubmitFirmwareJob } from '../../api/submit-firmware-job.ts'
import { createJobOptionsInput, installDocument } from '../../utils/firmware-job-form.ts'
import {
  checkTarget,
  dynamicGroupNameFor,
  targetName,
  type JobTargetChoice,
} from '../../utils/job-target.ts'
import { optionsStepErrors, type OptionErrors } from '../../utils/options-errors.ts'
import {
  clearPendingSubmission,
  fingerprintOf,
  pendingSubmission,
} from '../../utils/pending-submission.ts'
import type { WizardState } from '../../utils/wizard-state.ts'
import { FirmwareStep, selectedRelease } from './firmware-step.tsx'
import { OptionsStep } from './options-step.tsx'
import { ReviewStep } from './review-step.tsx'
import { TargetStep } from './target-step.tsx'
import { SaveAsTemplate, StartFromTemplate } from './template-controls.tsx'

/** Jobs reaching more devices than this need a typed confirmation. */
export const DEFAULT_CONFIRMATION_THRESHOLD = 50
const JOB_ID_PREFIX = 'fleetdeck-install'
const REVIEW_STEP = 3

export interface FirmwareJobWizardProps {
  readonly initialState: WizardState
  readonly username: string | undefined
  readonly confirmationThreshold?: number
}

interface ResolvedTarget {
  readonly target: JobTargetChoice
  /** ARNs of things or a group; empty for a query (its group is created at submission). */
  readonly arns: readonly string[]
}

export function FirmwareJobWizard({
  initialState,
  username,
  confirmationThreshold = DEFAULT_CONFIRMATION_THRESHOLD,
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
  const [operatorUrl, setOperatorUrl] = useState<string | undefined>(undefined)
  const [typed, setTyped] = useState('')
  const [acceptRejections, setAcceptRejections] = useState(false)
  const [confirmationError, setConfirmationError] = useState<string | undefined>(undefined)
  const [submitError, setSubmitError] = useState<string | undefined>(undefined)
  const [templateNotes, setTemplateNotes] = useState<readonly string[]>([])

  const release = selectedRelease(catalog.data, state)
  const change = (patch: Partial<WizardState>) => {
    setState((current) => ({ ...current, ...patch }))
    // Anything changed after the review invalidates the typed confirmation.
    setTyped('')
  }

  const targetArns = useMemo(() => {
    if (resolved === undefined) return []
    if (resolved.target.kind !== 'query') return [...resolved.arns]
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
  const generated = useMemo(
    () =>
      release === undefined
        ? undefined
        : installDocument(release, {
            forced: state.forced,
            bucket: config.firmwareBucket,
            region: config.region,
            operatorUrl:
              state.options.urlMode === 'operator-presigned'
                ? (operatorUrl ?? 'https://pending.invalid/firmware.bin')
                : undefined,
          }),
    [
      release,
      state.forced,
      state.options.urlMode,
      operatorUrl,
      config.firmwareBucket,
      config.region,
    ],
  )
  const merged = useMemo(
    () =>
      generated === undefined
        ? undefined
        : mergeJobDocumentText(state.options.documentTemplate, generated),
    [generated, state.options.documentTemplate],
  )

  const preflight = useRolloutPreflight(
    step === REVIEW_STEP && resolved !== undefined && release !== undefined
      ? { target: resolved.target, release: { model: release.model, version: release.version } }
      : undefined,
  )
  const decision =
    preflight.data === undefined
      ? undefined
      : proceedDecision(preflight.data, {
          forced: state.forced,
          acceptRejections,
          confirmationThreshold,
        })
  const confirmationName = resolved === undefined ? '' : targetName(resolved.target)

  async function checkTargetStep(): Promise<boolean> {
    const checked = checkTarget(state.targetKind, {
      name: state.targetName,
      names: state.targetNames,
      query: state.targetQuery,
    })
    if (!checked.ok) {
      setTargetError(checked.message)
      return false
    }
    if (checked.target.kind === 'query') {
      setResolved({ target: checked.target, arns: [] })
      return true
    }
    try {
      setResolved({ target: checked.target, arns: await resolveJobTargets(iot, checked.target) })
      return true
    } catch (error) {
      setTargetError(
        error instanceof UnknownTargetsError
          ? error.message
          : awsErrorMessage(error, 'look up the target'),
      )
      return false
    }
  }

  async function checkOptionsStep(): Promise<boolean> {
    if (account.data === undefined) {
      setOptionErrors({
        targets: account.isError
          ? awsErrorMessage(account.error, 'learn the AWS account id')
          : 'Still learning the AWS account id; try again.',
      })
      return false
    }
    if (merged === undefined) return false
    const errors = optionsStepErrors(state.options, optionsInput, merged, Date.now())
    setOptionErrors(errors)
    if (Object.keys(errors).length > 0) return false
    if (state.options.urlMode === 'operator-presigned' && release !== undefined) {
      try {
        setOperatorUrl(
          await presignFirmwareUrl(s3, {
            bucket: config.firmwareBucket,
            key: release.imageKey,
            expiresInSeconds: Number(state.options.operatorUrlExpiryHours) * 3600,
          }),
        )
      } catch (error) {
        setOptionErrors({
          operatorUrlExpiryHours: awsErrorMessage(error, 'pre-sign the firmware URL'),
        })
        return false
      }
    }
    return true
  }

  async function navigateTo(requested: number) {
    if (requested <= step) {
      setStep(requested)
      return
    }
    setChecking(true)
    try {
      let ok = true
      if (step === 0) {
        setTargetError(undefined)
        ok = await checkTargetStep()
      } else if (step === 1) {
        ok = release !== undefined
        setFirmwareError(ok ? undefined : 'Choose a model and a version from the catalog.')
      } else if (step === 2) {
        ok = await checkOptionsStep()
      }
      if (ok) {
        setSubmitError(undefined)
        setStep(requested)
      }
    } finally {
      setChecking(false)
    }
  }

  function create() {
    if (
      submit.isPending ||
      resolved === undefined ||
      release === undefined ||
      account.data === undefined
    )
      return
    setSubmitError(undefined)
    if (decision === undefined) {
      setSubmitError(
        'Wait for the preflight: the job is created only once it is known who it downgrades.',
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
    // One job id per submission: the same choices after a failure, a double
    // click or a reload reuse it, so AWS can never create a second job.
    const pending = pendingSubmission(
      sessionStorage,
      fingerprintOf({
        target: resolved.target,
        release: release.imageKey,
        forced: state.forced,
        options: state.options,
      }),
      () => ({
        jobId: newJobId(JOB_ID_PREFIX),
        ...(operatorUrl === undefined ? {} : { operatorUrl }),
      }),
      Date.now(),
    )
    const document =
      state.options.urlMode === 'operator-presigned'
        ? mergeJobDocumentText(
            state.options.documentTemplate,
            installDocument(release, {
              forced: state.forced,
              bucket: config.firmwareBucket,
              region: config.region,
              operatorUrl: pending.operatorUrl ?? operatorUrl,
            }),
          )
        : merged
    if (document === undefined || !document.ok) {
      setSubmitError(
        document === undefined
          ? 'The document is not ready.'
          : document.issues.map(formatIssue).join(' '),
      )
      return
    }
    const { targets: _targets, ...options } = optionsInput
    submit.mutate(
      {
        jobId: pending.jobId,
        target: resolved.target,
        targetArns: resolved.arns,
        account: account.data,
        document: document.value.document,
        options,
      },
      {
        onSuccess: (job) => {
          clearPendingSubmission(sessionStorage)
          notify({
            type: 'success',
            header: `Created job ${job.jobId}`,
            content: `Installing ${release.model} ${release.version} on ${confirmationName}.`,
          })
          void navigate(paths.jobs.list())
        },
        onError: (error) => {
          setSubmitError(
            error instanceof ValidationError
              ? error.issues.map(formatIssue).join(' ')
              : awsErrorMessage(error, 'create the job'),
          )
        },
      },
    )
  }

  const documentProblem =
    merged !== undefined && !merged.ok ? merged.issues.map(formatIssue).join(' ') : undefined
  const templateSource =
    merged !== undefined && merged.ok
      ? { document: merged.value.document, options: optionsInput }
      : undefined

  return (
    <SpaceBetween size="l">
      {step < REVIEW_STEP ? (
        <StartFromTemplate
          onApply={(prefill, jobTemplateId) => {
            change({
              options: prefill.options,
              ...(prefill.model === undefined ? {} : { model: prefill.model }),
              ...(prefill.version === undefined ? {} : { version: prefill.version }),
              ...(prefill.forced === undefined ? {} : { forced: prefill.forced }),
            })
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
        onSubmit={create}
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
                targetLabel={resolved === undefined ? '' : targetLabelOf(resolved.target)}
                releaseLabel={release === undefined ? '' : `${release.model} ${release.version}`}
                forced={state.forced}
                options={state.options}
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
                decision={decision}
                confirmationName={confirmationName}
                typedConfirmation={typed}
                onTypedConfirmationChange={setTyped}
                confirmationError={confirmationError}
                downgradeCount={state.forced ? 0 : (preflight.data?.counts.downgrade ?? 0)}
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

function targetLabelOf(target: JobTargetChoice): string {
  switch (target.kind) {
    case 'thing':
      return `Thing ${target.thingName}`
    case 'things':
      return `${target.thingNames.length} things: ${target.thingNames.slice(0, 5).join(', ')}${target.thingNames.length > 5 ? ', …' : ''}`
    case 'group':
      return `Thing group ${target.thingGroupName}`
    case 'query':
      return `Query ${target.queryString} (as a new dynamic thing group)`
  }
}
