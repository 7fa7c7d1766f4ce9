import { describe, expect, it } from 'vitest'
import type { JobExecutionRecord, JobRecord } from '../../state/records.ts'
import { emptyCounts } from '../job-index.ts'
import {
  EVENT_TIMESTAMP_UNIT_MS,
  EXECUTION_EVENT_OPERATIONS,
  jobEvent,
  jobEventTopic,
  jobExecutionEvent,
  jobExecutionEventTopic,
} from './job-event-payloads.ts'

const createdAtMs = Date.UTC(2026, 10, 22, 12, 0, 0, 250)
const endedAtMs = Date.UTC(2026, 10, 22, 12, 30, 0, 500)
const stamp = { eventId: '7364ffd1-8b65-4824-85d5-6c14686c97c6', atMs: endedAtMs + 400 }

const job: JobRecord = {
  jobId: 'fw-2',
  jobArn: 'arn:aws:iot:us-east-1:000000000000:job/fw-2',
  targets: ['arn:aws:iot:us-east-1:000000000000:thinggroup/pumps'],
  targetSelection: 'SNAPSHOT',
  status: 'COMPLETED',
  description: 'Pump firmware 2.0',
  comment: 'Bad batch',
  createdAtMs,
  lastUpdatedAtMs: endedAtMs,
  completedAtMs: endedAtMs,
  rolloutCursor: 3,
  rolloutRatePerMinute: 1000,
  rolloutNotifiedSinceIncrease: 0,
  rolloutSucceededSinceIncrease: 0,
  rolloutWindowStartMs: createdAtMs,
  rolloutWindowCount: 3,
}

const execution: JobExecutionRecord = {
  jobId: 'fw-2',
  thingName: 'pump-1',
  status: 'FAILED',
  statusDetails: { step: 'verify', reason: 'checksum' },
  executionNumber: 1,
  versionNumber: 3,
  retryAttempt: 0,
  retriesAfterFailure: 0,
  retriesAfterTimeout: 0,
  queuedAtMs: createdAtMs,
  startedAtMs: createdAtMs,
  lastUpdatedAtMs: endedAtMs,
}

describe('job event payloads', () => {
  it('stamp events in epoch seconds and the job times in epoch milliseconds, as the guide shows', () => {
    expect(EVENT_TIMESTAMP_UNIT_MS).toBe(1000)
    const payload = jobEvent(job, 'completed', stamp, { ...emptyCounts(), SUCCEEDED: 2, FAILED: 1 })
    expect(String(payload.timestamp)).toHaveLength(10)
    expect(String(payload.createdAt)).toHaveLength(13)
  })

  it('completed: the job, completedAt and the terminal counts', () => {
    expect(
      jobEvent(job, 'completed', stamp, { ...emptyCounts(), SUCCEEDED: 2, FAILED: 1, QUEUED: 0 }),
    ).toEqual({
      eventType: 'JOB',
      eventId: stamp.eventId,
      timestamp: Math.floor(stamp.atMs / 1000),
      operation: 'completed',
      jobId: 'fw-2',
      status: 'COMPLETED',
      targetSelection: 'SNAPSHOT',
      targets: job.targets,
      description: 'Pump firmware 2.0',
      createdAt: createdAtMs,
      lastUpdatedAt: endedAtMs,
      completedAt: endedAtMs,
      jobProcessDetails: {
        numberOfCanceledThings: 0,
        numberOfRejectedThings: 0,
        numberOfFailedThings: 1,
        numberOfRemovedThings: 0,
        numberOfSucceededThings: 2,
        numberOfTimedOutThings: 0,
      },
    })
  })

  it.each([
    ['canceled', 'CANCELED'],
    ['cancellation_in_progress', 'CANCELLATION_IN_PROGRESS'],
    ['deletion_in_progress', 'DELETION_IN_PROGRESS'],
    ['deleted', 'DELETED'],
  ] as const)('%s: status %s and the comment, no counts', (operation, status) => {
    const payload = jobEvent(job, operation, stamp, emptyCounts())
    expect(payload).toMatchObject({ eventType: 'JOB', operation, status, comment: 'Bad batch' })
    expect(payload).not.toHaveProperty('jobProcessDetails')
    expect(payload).not.toHaveProperty('completedAt')
    expect(jobEventTopic('fw-2', operation)).toBe(`$aws/events/job/fw-2/${operation}`)
  })

  it('an execution event names the thing by ARN and carries its final statusDetails', () => {
    expect(jobExecutionEvent(execution, 'failed', stamp)).toEqual({
      eventType: 'JOB_EXECUTION',
      eventId: stamp.eventId,
      timestamp: Math.floor(stamp.atMs / 1000),
      operation: 'failed',
      jobId: 'fw-2',
      thingArn: 'arn:aws:iot:us-east-1:000000000000:thing/pump-1',
      status: 'FAILED',
      statusDetails: { step: 'verify', reason: 'checksum' },
    })
    expect(jobExecutionEventTopic('fw-2', 'timed_out')).toBe(
      '$aws/events/jobExecution/fw-2/timed_out',
    )
  })

  it('has an execution event for each terminal status and none for QUEUED or IN_PROGRESS', () => {
    expect(EXECUTION_EVENT_OPERATIONS).toEqual({
      SUCCEEDED: 'succeeded',
      FAILED: 'failed',
      REJECTED: 'rejected',
      CANCELED: 'canceled',
      TIMED_OUT: 'timed_out',
      REMOVED: 'removed',
    })
  })
})
