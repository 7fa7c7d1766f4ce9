import { describe, expect, it } from 'vitest'
import type { JobDetail } from '../api/describe-job.ts'
import type { JobDocumentRead } from '../api/get-job-document.ts'
import { executionCancellation, jobActionsAvailability } from './job-actions-availability.ts'

const job = (
  status: string,
  details: NonNullable<JobDetail['processDetails']> = {},
  extra: Partial<JobDetail> = {},
): JobDetail => ({ jobId: 'j', status, targets: [], processDetails: details, ...extra })

const install: JobDocumentRead = {
  kind: 'fleetdeck',
  document: {
    operation: 'install',
    url: 'https://example.com/f.bin',
    version: '2.0.0',
    sha256: 'a'.repeat(64),
    size: 1,
    forced: false,
    model: 'lamp',
  },
}
const foreign: JobDocumentRead = { kind: 'foreign', problem: 'not ours' }

describe('jobActionsAvailability', () => {
  it('offers cancel while the job runs, and force cancel only with devices mid-update', () => {
    const running = jobActionsAvailability(job('IN_PROGRESS', { numberOfQueuedThings: 2 }), install)
    expect(running.cancel.enabled).toBe(true)
    expect(running.forceCancel).toEqual({
      enabled: false,
      reason: 'No device is mid-update, so force-cancel would do nothing more than cancel.',
    })
    const busy = jobActionsAvailability(
      job('IN_PROGRESS', { numberOfInProgressThings: 1 }),
      install,
    )
    expect(busy.forceCancel.enabled).toBe(true)
  })

  it('offers force cancel on a job canceled without force while devices are still mid-update', () => {
    const canceled = jobActionsAvailability(
      job('CANCELED', { numberOfInProgressThings: 3 }),
      install,
    )
    expect(canceled.cancel.enabled).toBe(false)
    expect(canceled.forceCancel.enabled).toBe(true)
    const forced = jobActionsAvailability(
      job('CANCELED', { numberOfInProgressThings: 3 }, { forceCanceled: true }),
      install,
    )
    expect(forced.forceCancel.enabled).toBe(false)
    expect(jobActionsAvailability(job('COMPLETED'), install).cancel).toEqual({
      enabled: false,
      reason: 'The job is COMPLETED: there is nothing to cancel.',
    })
  })

  it('offers retry once an execution failed or timed out, whatever the document', () => {
    expect(jobActionsAvailability(job('COMPLETED'), install).retry.enabled).toBe(false)
    expect(
      jobActionsAvailability(job('COMPLETED', { numberOfTimedOutThings: 1 }), foreign).retry
        .enabled,
    ).toBe(true)
    expect(
      jobActionsAvailability(job('COMPLETED', { numberOfFailedThings: 1 }), undefined).retry
        .enabled,
    ).toBe(false)
  })

  it('offers rollback for a Fleetdeck install job that touched devices', () => {
    const touched = job('COMPLETED', { numberOfSucceededThings: 1 })
    expect(jobActionsAvailability(touched, install).rollback.enabled).toBe(true)
    expect(jobActionsAvailability(touched, foreign).rollback.enabled).toBe(false)
    expect(
      jobActionsAvailability(job('COMPLETED', { numberOfRejectedThings: 4 }), install).rollback,
    ).toEqual({ enabled: false, reason: 'No device has installed anything from this job.' })
  })
})

describe('executionCancellation', () => {
  it('follows the execution lifecycle', () => {
    expect(executionCancellation('QUEUED')).toBe('cancel')
    expect(executionCancellation('IN_PROGRESS')).toBe('force-cancel')
    expect(executionCancellation('SUCCEEDED')).toBe('none')
    expect(executionCancellation(undefined)).toBe('none')
  })
})
