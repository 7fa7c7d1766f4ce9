import Alert from '@cloudscape-design/components/alert'
import Box from '@cloudscape-design/components/box'
import Button from '@cloudscape-design/components/button'
import FormField from '@cloudscape-design/components/form-field'
import Input from '@cloudscape-design/components/input'
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs'
import Modal from '@cloudscape-design/components/modal'
import SpaceBetween from '@cloudscape-design/components/space-between'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { useState } from 'react'
import { MAX_JOB_TARGETS } from '@domain/job-config/create-job-options.ts'
import { InlineError } from '@/components/inline-error.tsx'
import { useNotify } from '@/components/notifications/notifications.tsx'
import { paths } from '@/config/paths.ts'
import { useSessionUser } from '@/lib/auth/session.tsx'
import type { JobDocumentRead } from '../../../api/get-job-document.ts'
import { useRetryPlan, type RetryPlan } from '../../../api/get-retry-plan.ts'
import { useRetryFailedDevices } from '../../../api/retry-failed-devices.ts'
import { createdJobHeader } from '../../../utils/created-job-header.ts'
import { actionErrorMessage } from './action-error-message.ts'

export interface RetryFailedModalProps {
  readonly jobId: string
  readonly document: JobDocumentRead
  /** Retries reaching more devices than this need the job's id typed, as creation does. */
  readonly confirmationThreshold: number
  readonly onClose: () => void
}

const EXAMPLES = 10

const documentText = (document: JobDocumentRead): string => {
  if (document.kind === 'foreign')
    return "The job's own document, sent again exactly as it is (it is not a Fleetdeck document)."
  const doc = document.document
  return doc.operation === 'install'
    ? `The same document: install ${doc.model ?? ''} ${doc.version}${doc.forced ? ', forced' : ''}.`
    : `The same ${doc.operation} document.`
}

const keptSettings = (plan: RetryPlan): string => {
  const kept = [
    plan.job.presignedUrlConfig === undefined ? undefined : 'pre-signed URL settings',
    plan.job.timeoutConfig === undefined ? undefined : 'in-progress timeout',
    plan.job.jobExecutionsRetryConfig === undefined ? undefined : 'automatic retries',
    plan.job.jobExecutionsRolloutConfig === undefined ? undefined : 'rollout rate',
    plan.job.abortConfig === undefined ? undefined : 'abort rule',
  ].filter((setting) => setting !== undefined)
  return kept.length === 0 ? 'None to keep' : `Kept: ${kept.join(', ')}`
}

/** "Retry failed devices": what the new job reaches, then CreateJob once confirmed. */
export function RetryFailedModal({
  jobId,
  document,
  confirmationThreshold,
  onClose,
}: RetryFailedModalProps) {
  const { username } = useSessionUser()
  const notify = useNotify()
  const plan = useRetryPlan(jobId, true)
  const retry = useRetryFailedDevices(jobId)
  const [typed, setTyped] = useState('')
  const [confirmationError, setConfirmationError] = useState<string | undefined>(undefined)
  const data = plan.data
  const count = data?.things.length ?? 0
  const needsTyping = count > confirmationThreshold
  const blocked = data === undefined || count === 0 || data.documentProblem !== undefined
  const confirm = () => {
    if (data === undefined || blocked || retry.isPending) return
    if (needsTyping && typed.trim() !== jobId) {
      setConfirmationError(`Type ${jobId} exactly to confirm.`)
      return
    }
    setConfirmationError(undefined)
    retry.mutate(
      { plan: data, username },
      {
        onSuccess: (created) => {
          notify({
            type: 'success',
            header: createdJobHeader(created),
            content: `Retrying ${count} ${count === 1 ? 'device' : 'devices'} of ${jobId}.`,
            link: { href: paths.jobs.detail(created.jobId), text: `Open ${created.jobId}` },
          })
          onClose()
        },
      },
    )
  }
  return (
    <Modal
      visible
      size="medium"
      onDismiss={onClose}
      header="Retry failed devices?"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              Cancel
            </Button>
            <Button
              variant="primary"
              onClick={confirm}
              loading={retry.isPending}
              disabled={blocked}
            >
              {count === 0
                ? 'Create retry job'
                : `Retry ${count} ${count === 1 ? 'device' : 'devices'}`}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        {plan.isPending ? (
          <StatusIndicator type="loading">
            Listing the failed and timed-out executions
          </StatusIndicator>
        ) : null}
        {plan.isError ? (
          <InlineError message={actionErrorMessage(plan.error, 'list the failed devices')} />
        ) : null}
        {data === undefined ? null : (
          <>
            <Box>
              {count === 0
                ? 'No device ended FAILED or TIMED_OUT without a later attempt: there is nothing to retry.'
                : `A new job will run on ${count} ${count === 1 ? 'device' : 'devices'} (${data.failed} failed, ${data.timedOut} timed out). ${jobId} itself is not changed.`}
            </Box>
            {count === 0 ? null : (
              <KeyValuePairs
                columns={1}
                items={[
                  {
                    label: 'Devices',
                    value: `${data.things
                      .slice(0, EXAMPLES)
                      .map((thing) => thing.thingName)
                      .join(', ')}${count > EXAMPLES ? `, and ${count - EXAMPLES} more` : ''}`,
                  },
                  {
                    label: 'Targets',
                    value:
                      count <= MAX_JOB_TARGETS
                        ? 'Each device by name'
                        : `A new static thing group (fleetdeck-<new job id>) holding the ${count} devices: a job takes at most ${MAX_JOB_TARGETS} targets`,
                  },
                  { label: 'Document', value: documentText(document) },
                  { label: 'Settings of the job', value: keptSettings(data) },
                ]}
              />
            )}
            {data.documentProblem === undefined ? null : (
              <Alert type="error" header="The document cannot be sent again">
                {data.documentProblem}
              </Alert>
            )}
            {needsTyping && !blocked ? (
              <FormField
                label={`Type ${jobId} to confirm`}
                description={`The retry reaches more than ${confirmationThreshold} devices.`}
                errorText={confirmationError}
              >
                <Input
                  value={typed}
                  onChange={({ detail }) => setTyped(detail.value)}
                  ariaLabel="Typed confirmation"
                  autoComplete={false}
                />
              </FormField>
            ) : null}
          </>
        )}
        {retry.error === null ? null : (
          <InlineError message={actionErrorMessage(retry.error, 'create the retry job')} />
        )}
      </SpaceBetween>
    </Modal>
  )
}
