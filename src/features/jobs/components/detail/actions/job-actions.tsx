import Button from '@cloudscape-design/components/button'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { useState } from 'react'
import {
  countsFromProcessDetails,
  type ExecutionCounts,
} from '@domain/job-monitoring/execution-counts.ts'
import { useDashboardConfig } from '@/config/dashboard-config-context.tsx'
import { useSessionUser } from '@/lib/auth/session.tsx'
import type { JobDetail } from '../../../api/describe-job.ts'
import type { JobDocumentRead } from '../../../api/get-job-document.ts'
import {
  jobActionsAvailability,
  type Availability,
} from '../../../utils/job-actions-availability.ts'
import { DEFAULT_CONFIRMATION_THRESHOLD } from '../../../utils/confirmation-threshold.ts'
import { CancelJobModal } from './cancel-job-modal.tsx'
import { RetryFailedModal } from './retry-failed-modal.tsx'
import { RollbackModal } from './rollback-modal.tsx'

export interface JobActionsProps {
  readonly jobId: string
  readonly job: JobDetail
  /** The job's document as read (undefined while it loads). */
  readonly document: JobDocumentRead | undefined
  /**
   * The counts the page shows now (DescribeJob's counters moved by live
   * events), for the cancel confirmation's numbers; DescribeJob's own
   * counters when not given.
   */
  readonly counts?: ExecutionCounts | undefined
}

type Open = 'cancel' | 'force-cancel' | 'retry' | 'rollback'

const disabledProps = (availability: Availability) =>
  availability.enabled ? {} : { disabled: true, disabledReason: availability.reason }

/**
 * The job's actions for an operator: cancel, force cancel, retry failed
 * devices, roll back. Each opens a confirmation that says what will happen;
 * an action that cannot apply now is disabled with the reason. A viewer
 * sees none (IAM refuses the calls anyway).
 */
export function JobActions({ jobId, job, document, counts }: JobActionsProps) {
  const { role } = useSessionUser()
  const config = useDashboardConfig()
  const [open, setOpen] = useState<Open | undefined>(undefined)
  if (role !== 'operator') return null
  const availability = jobActionsAvailability(job, document)
  const confirmationThreshold = config.jobConfirmationThreshold ?? DEFAULT_CONFIRMATION_THRESHOLD
  const close = () => setOpen(undefined)
  const install =
    document?.kind === 'fleetdeck' && document.document.operation === 'install'
      ? document.document
      : undefined
  return (
    <>
      <SpaceBetween direction="horizontal" size="xs">
        <Button onClick={() => setOpen('cancel')} {...disabledProps(availability.cancel)}>
          Cancel job
        </Button>
        <Button
          onClick={() => setOpen('force-cancel')}
          {...disabledProps(availability.forceCancel)}
        >
          Force cancel
        </Button>
        <Button onClick={() => setOpen('retry')} {...disabledProps(availability.retry)}>
          Retry failed
        </Button>
        <Button onClick={() => setOpen('rollback')} {...disabledProps(availability.rollback)}>
          Roll back
        </Button>
      </SpaceBetween>
      {open === 'cancel' || open === 'force-cancel' ? (
        <CancelJobModal
          jobId={jobId}
          force={open === 'force-cancel'}
          counts={counts ?? countsFromProcessDetails(job.processDetails)}
          onClose={close}
        />
      ) : null}
      {open === 'retry' && document !== undefined ? (
        <RetryFailedModal
          jobId={jobId}
          document={document}
          confirmationThreshold={confirmationThreshold}
          onClose={close}
        />
      ) : null}
      {open === 'rollback' && install !== undefined ? (
        <RollbackModal
          jobId={jobId}
          job={job}
          document={install}
          confirmationThreshold={confirmationThreshold}
          onClose={close}
        />
      ) : null}
    </>
  )
}
