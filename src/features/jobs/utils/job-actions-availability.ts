import { countsFromProcessDetails } from '@domain/job-monitoring/execution-counts.ts'
import { cancellationOf, isJobExecutionStatus } from '@domain/job-execution-status.ts'
import { isJobStatus, transitionJob } from '@domain/job-status.ts'
import type { JobDetail } from '../api/describe-job.ts'
import type { JobDocumentRead } from '../api/get-job-document.ts'

/**
 * Which actions the job page offers, and why not when it does not: the
 * lifecycle rules (domain/job-status.ts, domain/job-execution-status.ts)
 * decide, from DescribeJob's status and counters, so a button is never
 * offered for a call AWS would refuse.
 */
export type Availability =
  { readonly enabled: true } | { readonly enabled: false; readonly reason: string }

export interface JobActionsAvailability {
  readonly cancel: Availability
  readonly forceCancel: Availability
  readonly retry: Availability
  readonly rollback: Availability
}

const enabled: Availability = { enabled: true }
const disabled = (reason: string): Availability => ({ enabled: false, reason })

function cancelAvailability(
  job: JobDetail,
): Pick<JobActionsAvailability, 'cancel' | 'forceCancel'> {
  const status = job.status
  if (status === undefined || !isJobStatus(status)) {
    const reason = 'The job is still loading.'
    return { cancel: disabled(reason), forceCancel: disabled(reason) }
  }
  const counts = countsFromProcessDetails(job.processDetails)
  const cancelable = transitionJob(status, { to: 'CANCELED', actor: 'operator' }).ok
  const cancel = cancelable
    ? enabled
    : disabled(`The job is ${status}: there is nothing to cancel.`)
  if (counts.IN_PROGRESS === 0) {
    return {
      cancel,
      forceCancel: disabled(
        'No device is mid-update, so force-cancel would do nothing more than cancel.',
      ),
    }
  }
  // A job canceled without force may be canceled again with force to cancel
  // the executions still in progress.
  const forceCancelable = cancelable || (status === 'CANCELED' && job.forceCanceled !== true)
  return {
    cancel,
    forceCancel: forceCancelable
      ? enabled
      : disabled(`The job is ${status}${job.forceCanceled === true ? ' with force' : ''}.`),
  }
}

function retryAvailability(job: JobDetail, document: JobDocumentRead | undefined): Availability {
  if (document === undefined) return disabled('The job document is still loading.')
  const counts = countsFromProcessDetails(job.processDetails)
  if (counts.FAILED + counts.TIMED_OUT === 0)
    return disabled('No execution ended FAILED or TIMED_OUT.')
  return enabled
}

function rollbackAvailability(job: JobDetail, document: JobDocumentRead | undefined): Availability {
  if (document === undefined) return disabled('The job document is still loading.')
  if (document.kind !== 'fleetdeck' || document.document.operation !== 'install')
    return disabled('Only firmware install jobs made with Fleetdeck can be rolled back.')
  if (document.document.model === undefined)
    return disabled(
      'The job document names no model, so the release to go back to cannot be found.',
    )
  const counts = countsFromProcessDetails(job.processDetails)
  if (counts.SUCCEEDED + counts.IN_PROGRESS + counts.FAILED + counts.TIMED_OUT === 0)
    return disabled('No device has installed anything from this job.')
  return enabled
}

export function jobActionsAvailability(
  job: JobDetail,
  document: JobDocumentRead | undefined,
): JobActionsAvailability {
  return {
    ...cancelAvailability(job),
    retry: retryAvailability(job, document),
    rollback: rollbackAvailability(job, document),
  }
}

/** What canceling one execution takes, from its status: cancel, force-cancel, or nothing. */
export function executionCancellation(
  status: string | undefined,
): 'cancel' | 'force-cancel' | 'none' {
  return status !== undefined && isJobExecutionStatus(status) ? cancellationOf(status) : 'none'
}
