import Alert from '@cloudscape-design/components/alert'
import SpaceBetween from '@cloudscape-design/components/space-between'
import Wizard from '@cloudscape-design/components/wizard'
import { useMemo, useReducer, useState } from 'react'
import { useNavigate } from 'react-router'
import { thingGroupArn } from '@domain/arn.ts'
import { mergeJobDocumentText } from '@domain/job-document-merge.ts'
import { proceedDecision } from '@domain/rollout-preflight.ts'
import { formatIssue } from '@domain/validation.ts'
import { paths } from '@/config/paths.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { useAccountScope } from '../../api/get-account-scope.ts'
import { useRolloutPreflight, type PreflightInput } from '../../api/get-rollout-preflight.ts'
import { useFirmwareReleases } from '../../api/list-firmware-releases.ts'
import { presignFirmwareUrl } from '../../api/presign-firmware-url.ts'
import { DEFAULT_CONFIRMATION_THRESHOLD } from '../../utils/confirmation-threshold.ts'
import { createJobOptionsInput, installDocument } from '../../utils/firmware-job-form.ts'
import { dynamicGroupNameFor, targetName } from '../../utils/job-target.ts'
import { signedUrlFor, type SignedUrl } from '../../utils/operator-url.ts'
import { preflightTargetOf, targetLabelOf } from '../../utils/resolved-target.ts'
import { withTemplate, type WizardState } from '../../utils/wizard-state.ts'
import { initialWizardSession, wizardTransition } from '../../utils/wizard-transition.ts'
import { FirmwareStep, selectedRelease } from './firmware-step.tsx'
import { OptionsStep } from './options-step.tsx'
import { ReviewStep } from './review-step.tsx'
import { TargetStep } from './target-step.tsx'
import { SaveAsTemplate, StartFromTemplate } from './template-controls.tsx'
import { useFirmwareJobSubmission } from './use-firmware-job-submission.ts'
import { useWizardStepChecks } from './use-wizard-step-checks.ts'

export { DEFAULT_CONFIRMATION_THRESHOLD }
const REVIEW_STEP = 3

export interface FirmwareJobWizardProps {
  readonly initialState: WizardState
  readonly username: string | undefined
  readonly confirmationThreshold?: number
  /** Told once, above the wizard (a template the deep link applied, or why it could not be). */
  readonly initialNotes?: readonly string[]
}

export function FirmwareJobWizard({
  initialState,
  username,
  confirmationThreshold = DEFAULT_CONFIRMATION_THRESHOLD,
  initialNotes = [],
}: FirmwareJobWizardProps) {
  const { s3, config } = useAwsClients()
  const navigate = useNavigate()
  const account = useAccountScope()
  const catalog = useFirmwareReleases()
  const [session, dispatch] = useReducer(wizardTransition, initialState, initialWizardSession)
  const [templateNotes, setTemplateNotes] = useState<readonly string[]>(initialNotes)
  const { form: state, resolved, typedConfirmation: typed, acceptRejections } = session

  const release = selectedRelease(catalog.data, state)
  const operatorMode = state.options.urlMode === 'operator-presigned'
  // Belt and braces with the transition: a URL is used only for what it was signed for.
  const currentUrl = operatorMode
    ? signedUrlFor(session.signedUrl, {
        imageKey: release?.imageKey,
        expiryHours: state.options.operatorUrlExpiryHours,
      })
    : undefined
  const change = (patch: Partial<WizardState>) => dispatch({ type: 'change', patch })

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
    dispatch({ type: 'signed', signedUrl: next })
    return next
  }

  const { step, navigateTo, checking, targetError, firmwareError, optionErrors } =
    useWizardStepChecks({
      session,
      dispatch,
      release,
      account,
      merged,
      operatorMode,
      currentUrl,
      signUrl,
      username,
    })

  const preflightTarget = preflightTargetOf(resolved)
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

  const submission = useFirmwareJobSubmission({
    resolved,
    release,
    account: account.data,
    preflight,
    decision,
    typedConfirmation: typed,
    confirmationName,
    optionsInput,
    jobTemplateArn: state.jobTemplate?.arn,
    operatorMode,
    currentUrl,
    documentFor,
    signUrl,
  })

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
        onNavigate={({ detail }) =>
          void navigateTo(detail.requestedStepIndex, submission.clearSubmitError)
        }
        onCancel={() => void navigate(paths.jobs.list())}
        onSubmit={() => void submission.create()}
        isLoadingNextStep={checking || submission.isCreating}
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
            errorText: submission.submitError,
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
                onTypedConfirmationChange={(text) => dispatch({ type: 'typed', text })}
                confirmationError={submission.confirmationError}
                downgradeCount={state.forced ? 0 : (preflight.data?.counts.downgrade ?? 0)}
                truncated={!state.forced && preflight.data?.truncated === true}
                acceptRejections={acceptRejections}
                onAcceptRejectionsChange={(accepted) =>
                  dispatch({ type: 'accept-rejections', accepted })
                }
              />
            ),
          },
        ]}
      />
    </SpaceBetween>
  )
}
