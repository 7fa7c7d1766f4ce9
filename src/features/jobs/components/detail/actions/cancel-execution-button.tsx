import Alert from '@cloudscape-design/components/alert'
import Box from '@cloudscape-design/components/box'
import Button from '@cloudscape-design/components/button'
import Modal from '@cloudscape-design/components/modal'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { useState } from 'react'
import { InlineError } from '@/components/inline-error.tsx'
import { useNotify } from '@/components/notifications/notifications.tsx'
import { useSessionUser } from '@/lib/auth/session.tsx'
import { useCancelJobExecution } from '../../../api/cancel-job-execution.ts'
import { cancelExecutionEffect, FORCE_CANCEL_RISK } from '../../../utils/cancel-effects.ts'
import { executionCancellation } from '../../../utils/job-actions-availability.ts'
import { actionErrorMessage } from './action-error-message.ts'

export interface CancelExecutionButtonProps {
  readonly jobId: string
  readonly thingName: string
  /** The execution's status as the table shows it; it decides cancel or force-cancel. */
  readonly status: string | undefined
}

/**
 * A row's "Cancel" (QUEUED) or "Force cancel" (IN_PROGRESS): CancelJobExecution
 * after a confirmation saying what happens to that device. Nothing for a
 * finished execution, nor for a viewer.
 */
export function CancelExecutionButton({ jobId, thingName, status }: CancelExecutionButtonProps) {
  const { role } = useSessionUser()
  // What the operator confirms is what was shown when they opened the
  // dialog, even if an event moves the execution meanwhile.
  const [opened, setOpened] = useState<{ status: string; force: boolean } | undefined>(undefined)
  const cancellation = executionCancellation(status)
  if (role !== 'operator') return null
  const force = cancellation === 'force-cancel'
  return (
    <>
      {cancellation === 'none' ? null : (
        <Button
          variant="inline-link"
          onClick={() => setOpened({ status: status ?? '', force })}
          ariaLabel={`${force ? 'Force-cancel' : 'Cancel'} the execution on ${thingName}`}
        >
          {force ? 'Force cancel' : 'Cancel'}
        </Button>
      )}
      {opened === undefined ? null : (
        <CancelExecutionModal
          jobId={jobId}
          thingName={thingName}
          status={opened.status}
          force={opened.force}
          onClose={() => setOpened(undefined)}
        />
      )}
    </>
  )
}

function CancelExecutionModal({
  jobId,
  thingName,
  status,
  force,
  onClose,
}: {
  readonly jobId: string
  readonly thingName: string
  readonly status: string
  readonly force: boolean
  readonly onClose: () => void
}) {
  const notify = useNotify()
  const cancel = useCancelJobExecution()
  const verb = force ? 'Force-cancel' : 'Cancel'
  const confirm = () => {
    if (cancel.isPending) return
    cancel.mutate(
      { jobId, thingName, force },
      {
        onSuccess: () => {
          notify({ type: 'success', header: `Canceled the execution on ${thingName}` })
          onClose()
        },
      },
    )
  }
  return (
    <Modal
      visible
      onDismiss={onClose}
      header={`${verb} the execution on ${thingName}?`}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              Keep it
            </Button>
            <Button variant="primary" onClick={confirm} loading={cancel.isPending}>
              {verb}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        <Box>{cancelExecutionEffect(thingName, status)}</Box>
        {force ? (
          <Alert type="warning" header="The device is not stopped">
            {FORCE_CANCEL_RISK}
          </Alert>
        ) : null}
        {cancel.error === null ? null : (
          <InlineError
            message={actionErrorMessage(
              cancel.error,
              `${force ? 'force-cancel' : 'cancel'} the execution`,
            )}
          />
        )}
      </SpaceBetween>
    </Modal>
  )
}
