import { useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import type { mergeJobDocumentText } from '@domain/job-document-merge.ts'
import type { ProceedDecision } from '@domain/rollout-preflight.ts'
import { formatIssue, ValidationError } from '@domain/validation.ts'
import { useNotify } from '@/components/notifications/notifications.tsx'
import { paths } from '@/config/paths.ts'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { DynamicGroupConflictError } from '../../api/create-dynamic-thing-group.ts'
import { JobIdConflictError, newJobId } from '../../api/create-job.ts'
import type { useAccountScope } from '../../api/get-account-scope.ts'
import type { FirmwareRelease } from '../../api/list-firmware-releases.ts'
import { useSubmitFirmwareJob } from '../../api/submit-firmware-job.ts'
import type { createJobOptionsInput } from '../../utils/firmware-job-form.ts'
import { isFreshUrl, type SignedUrl } from '../../utils/operator-url.ts'
import {
  clearPendingSubmission,
  findPendingSubmission,
  fingerprintOf,
  savePendingSubmission,
  sessionStorageIfAvailable,
  type PendingSubmission,
} from '../../utils/pending-submission.ts'
import type { ResolvedTarget } from '../../utils/resolved-target.ts'

const JOB_ID_PREFIX = 'fleetdeck-install'
/** Stands in for the operator-presigned URL in a submission's fingerprint (it changes each signing). */
const OPERATOR_URL_STAND_IN = 'https://operator-presigned.invalid/firmware.bin'
/** Read only in event handlers (creation), never during render. */
const clockMs = () => Date.now()

export interface FirmwareJobSubmissionInput {
  readonly resolved: ResolvedTarget | undefined
  readonly release: FirmwareRelease | undefined
  readonly account: ReturnType<typeof useAccountScope>['data']
  readonly preflight: { readonly isError: boolean; readonly error: unknown }
  readonly decision: ProceedDecision | undefined
  readonly typedConfirmation: string
  readonly confirmationName: string
  readonly optionsInput: ReturnType<typeof createJobOptionsInput>
  readonly jobTemplateArn: string | undefined
  readonly operatorMode: boolean
  /** The operator-presigned URL still valid for this release and expiry, if any. */
  readonly currentUrl: SignedUrl | undefined
  readonly documentFor: (
    url: string | undefined,
  ) => ReturnType<typeof mergeJobDocumentText> | undefined
  readonly signUrl: (nowMs: number) => Promise<SignedUrl | undefined>
}

/**
 * Creates the job the review step shows, at most once per request: the same
 * request after a failure, a double click or a reload reuses its job id, so
 * AWS can never create a second job.
 */
export function useFirmwareJobSubmission(input: FirmwareJobSubmissionInput) {
  const navigate = useNavigate()
  const notify = useNotify()
  const submit = useSubmitFirmwareJob()
  const [isSigning, setIsSigning] = useState(false)
  const [submitError, setSubmitError] = useState<string | undefined>(undefined)
  const [confirmationError, setConfirmationError] = useState<string | undefined>(undefined)
  // The submission in flight, in memory too: sessionStorage may be disabled.
  const pendingRef = useRef<PendingSubmission | undefined>(undefined)
  // Set synchronously, so a double click cannot start two creations while signing.
  const creatingRef = useRef(false)

  async function create() {
    const { resolved, release, account, decision, confirmationName, operatorMode, documentFor } =
      input
    if (creatingRef.current || submit.isPending) return
    const targets = resolved?.targets
    if (resolved === undefined || release === undefined || account === undefined) return
    setSubmitError(undefined)
    if (targets === undefined) {
      setSubmitError('Go back to the options step: the query target is not resolved yet.')
      return
    }
    if (input.preflight.isError) {
      setSubmitError(
        `${awsErrorMessage(input.preflight.error, 'run the preflight')} Retry the preflight: the job is created only once it is known whom it downgrades.`,
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
    if (decision.kind === 'confirm' && input.typedConfirmation.trim() !== confirmationName) {
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
    setIsSigning(true)
    try {
      const { targets: _targets, ...options } = input.optionsInput
      const { jobTemplateArn } = input
      const fingerprint = fingerprintOf({
        document: standIn.value.text,
        options,
        targets,
        jobTemplateArn: jobTemplateArn ?? null,
      })
      const stores = { memory: pendingRef, storage: sessionStorageIfAvailable() }
      const nowMs = clockMs()
      const existing = findPendingSubmission(stores, fingerprint, nowMs)
      let operatorUrl: { url: string; expiresAtMs: number } | undefined
      if (operatorMode) {
        operatorUrl = isFreshUrl(existing?.operatorUrl, nowMs)
          ? existing?.operatorUrl
          : isFreshUrl(input.currentUrl, nowMs)
            ? input.currentUrl
            : await input.signUrl(nowMs)
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
          account,
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
            // Straight to the job's live page: watching it is what comes next.
            void navigate(paths.jobs.detail(job.jobId))
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
      setIsSigning(false)
    }
  }

  return {
    create,
    isCreating: isSigning || submit.isPending,
    submitError,
    clearSubmitError: () => setSubmitError(undefined),
    confirmationError,
  }
}
