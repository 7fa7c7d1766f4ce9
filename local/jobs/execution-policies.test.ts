import { describe, expect, it } from 'vitest'
import type { JobExecutionRecord, JobRecord } from '../state/records.ts'
import { abortDecision, retryCause, targetsReach } from './execution-policies.ts'
import { emptyCounts, type StatusCounts } from './job-index.ts'

const counts = (partial: Partial<StatusCounts>): StatusCounts => ({ ...emptyCounts(), ...partial })

const job = (overrides: Partial<JobRecord>): JobRecord =>
  ({ jobId: 'j', status: 'IN_PROGRESS', targets: [], ...overrides }) as JobRecord

const execution = (overrides: Partial<JobExecutionRecord>): JobExecutionRecord =>
  ({
    status: 'FAILED',
    retryAttempt: 0,
    retriesAfterFailure: 0,
    retriesAfterTimeout: 0,
    ...overrides,
  }) as JobExecutionRecord

describe('abortDecision', () => {
  const abort = (
    failureType: 'FAILED' | 'ALL',
    thresholdPercentage: number,
    minNumberOfExecutedThings: number,
  ) =>
    job({
      abortConfig: {
        criteriaList: [
          { failureType, action: 'CANCEL', thresholdPercentage, minNumberOfExecutedThings },
        ],
      },
    })

  it('waits for the minimum number of completed executions', () => {
    expect(abortDecision(abort('FAILED', 10, 5), counts({ FAILED: 4 }))).toBeUndefined()
    expect(
      abortDecision(abort('FAILED', 10, 5), counts({ FAILED: 4, SUCCEEDED: 1 })),
    ).toMatchObject({ completed: 5, percentage: 80 })
  })

  it('counts queued and in-progress executions as not completed, and ALL as every failure kind', () => {
    const all = abort('ALL', 50, 4)
    expect(
      abortDecision(
        all,
        counts({ FAILED: 1, REJECTED: 1, SUCCEEDED: 2, QUEUED: 50, IN_PROGRESS: 50 }),
      ),
    ).toMatchObject({ percentage: 50 })
    expect(abortDecision(all, counts({ FAILED: 1, TIMED_OUT: 0, SUCCEEDED: 3 }))).toBeUndefined()
  })

  it('never aborts a job that is already finished', () => {
    expect(
      abortDecision({ ...abort('FAILED', 0, 1), status: 'COMPLETED' }, counts({ FAILED: 9 })),
    ).toBeUndefined()
  })
})

describe('retryCause', () => {
  const retrying = job({
    jobExecutionsRetryConfig: {
      criteriaList: [
        { failureType: 'FAILED', numberOfRetries: 2 },
        { failureType: 'TIMED_OUT', numberOfRetries: 1 },
      ],
    },
  })

  it('retries each failure kind up to its own count', () => {
    expect(retryCause(retrying, execution({ status: 'FAILED', retriesAfterFailure: 1 }))).toBe(
      'FAILED',
    )
    expect(
      retryCause(retrying, execution({ status: 'FAILED', retriesAfterFailure: 2 })),
    ).toBeUndefined()
    expect(
      retryCause(
        retrying,
        execution({ status: 'TIMED_OUT', retriesAfterTimeout: 0, retriesAfterFailure: 2 }),
      ),
    ).toBe('TIMED_OUT')
    expect(
      retryCause(retrying, execution({ status: 'TIMED_OUT', retriesAfterTimeout: 1 })),
    ).toBeUndefined()
  })

  it('never retries REJECTED, successes, or executions of a canceled job', () => {
    expect(retryCause(retrying, execution({ status: 'REJECTED' }))).toBeUndefined()
    expect(retryCause(retrying, execution({ status: 'SUCCEEDED' }))).toBeUndefined()
    expect(
      retryCause({ ...retrying, status: 'CANCELED' }, execution({ status: 'FAILED' })),
    ).toBeUndefined()
  })
})

describe('targetsReach', () => {
  const targets = [
    'arn:aws:iot:us-east-1:000000000000:thing/solo',
    'arn:aws:iot:us-east-1:000000000000:thinggroup/line',
  ]
  it('reaches named things and things in a targeted group tree', () => {
    expect(targetsReach({ targets }, 'solo', new Set())).toBe(true)
    expect(targetsReach({ targets }, 'other', new Set(['line']))).toBe(true)
    expect(targetsReach({ targets }, 'other', new Set(['cell']))).toBe(false)
  })
})
