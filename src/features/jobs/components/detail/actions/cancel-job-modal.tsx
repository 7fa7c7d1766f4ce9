import Alert from '@cloudscape-design/components/alert'
import Box from '@cloudscape-design/components/box'
import Button from '@cloudscape-design/components/button'
import FormField from '@cloudscape-design/components/form-field'
import Input from '@cloudscape-design/components/input'
import Modal from '@cloudscape-design/components/modal'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { useState } from 'react'
import type { ExecutionCounts } from '@domain/job-monitoring/execution-counts.ts'
import { ValidationError } from '@domain/validation.ts'
import { InlineError } from '@/components/inline-error.tsx'
import { useNotify } from '@/components/notifications/notifications.tsx'
import {
  MAX_CANCEL_COMMENT_LENGTH,
  MAX_CANCEL_REASON_CODE_LENGTH,
  useCancelJob,
} from '../../../api/cancel-job.ts'
import { cancelJobEffects, FORCE_CANCEL_RISK } from '../../../utils/cancel-effects.ts'
import { actionErrorMessage } from './action-error-message.ts'

export interface CancelJobModalProps {
  readonly jobId: string
  readonly force: boolean
  readonly counts: ExecutionCounts
  readonly onClose: () => void
}

const issueFor = (error: Error | null, field: string) =>
  error instanceof ValidationError
    ? error.issues.find((issue) => issue.path === field)?.message
    : undefined

/** CancelJob, with or without force, after saying what it does with today's numbers. */
export function CancelJobModal({ jobId, force, counts, onClose }: CancelJobModalProps) {
  const notify = useNotify()
  const cancel = useCancelJob()
  const [comment, setComment] = useState('')
  const [reasonCode, setReasonCode] = useState('')
  const effects = cancelJobEffects(counts, force)
  const verb = force ? 'Force-cancel' : 'Cancel'
  const fieldErrors = {
    comment: issueFor(cancel.error, 'comment'),
    reasonCode: issueFor(cancel.error, 'reasonCode'),
  }
  const otherError =
    cancel.error === null || (fieldErrors.comment ?? fieldErrors.reasonCode) !== undefined
      ? undefined
      : actionErrorMessage(cancel.error, force ? 'force-cancel the job' : 'cancel the job')
  const confirm = () => {
    if (cancel.isPending) return
    cancel.mutate(
      { jobId, force, comment, reasonCode },
      {
        onSuccess: () => {
          notify({
            type: 'success',
            header: force ? `Force-canceled ${jobId}` : `Canceled ${jobId}`,
            content: effects[0],
          })
          onClose()
        },
      },
    )
  }
  return (
    <Modal
      visible
      onDismiss={onClose}
      header={`${verb} job ${jobId}?`}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              Keep the job
            </Button>
            <Button variant="primary" onClick={confirm} loading={cancel.isPending}>
              {verb} job
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        <ul aria-label="What canceling does">
          {effects.map((effect) => (
            <li key={effect}>{effect}</li>
          ))}
        </ul>
        {force ? (
          <Alert type="warning" header="Devices mid-update are not stopped">
            {FORCE_CANCEL_RISK}
          </Alert>
        ) : null}
        <FormField
          label="Comment (optional)"
          description="Kept on the job, for whoever reads it later."
          constraintText={`At most ${MAX_CANCEL_COMMENT_LENGTH} characters, one line.`}
          errorText={fieldErrors.comment}
        >
          <Input
            value={comment}
            onChange={({ detail }) => {
              setComment(detail.value)
              cancel.reset()
            }}
            ariaLabel="Comment"
          />
        </FormField>
        <FormField
          label="Reason code (optional)"
          description="A code for reports, such as BOOT_FAILURES."
          constraintText={`Upper-case letters, digits and _, at most ${MAX_CANCEL_REASON_CODE_LENGTH}.`}
          errorText={fieldErrors.reasonCode}
        >
          <Input
            value={reasonCode}
            onChange={({ detail }) => {
              setReasonCode(detail.value)
              cancel.reset()
            }}
            ariaLabel="Reason code"
          />
        </FormField>
        {otherError === undefined ? null : <InlineError message={otherError} />}
      </SpaceBetween>
    </Modal>
  )
}
