import type { Job } from '@aws-sdk/client-iot'
import { describe, expect, it } from 'vitest'
import { validateCreateJobOptions } from '@domain/job-config/create-job-options.ts'
import { retryOptionsOf } from './retry-options.ts'

const TARGET = 'arn:aws:iot:us-east-1:000000000000:thing/lamp-1'

describe('retryOptionsOf', () => {
  it('keeps how devices run the document and drops what belonged to the first run', () => {
    const job: Job = {
      jobId: 'bad',
      targetSelection: 'CONTINUOUS',
      description: 'first run',
      presignedUrlConfig: {
        roleArn: 'arn:aws:iam::000000000000:role/fleetdeck-iot-presigner',
        expiresInSec: 600,
      },
      timeoutConfig: { inProgressTimeoutInMinutes: 30 },
      jobExecutionsRetryConfig: { criteriaList: [{ failureType: 'FAILED', numberOfRetries: 2 }] },
      jobExecutionsRolloutConfig: {
        maximumPerMinute: 50,
        exponentialRate: {
          baseRatePerMinute: 5,
          incrementFactor: 2,
          rateIncreaseCriteria: { numberOfNotifiedThings: 10 },
        },
      },
      abortConfig: {
        criteriaList: [
          {
            failureType: 'FAILED',
            action: 'CANCEL',
            thresholdPercentage: 20,
            minNumberOfExecutedThings: 5,
          },
        ],
      },
      schedulingConfig: { startTime: '2020-01-01T00:00' },
      jobProcessDetails: { numberOfFailedThings: 3 },
    }
    const options = retryOptionsOf(job, { retriedJobId: 'bad', deviceCount: 3, username: 'bob' })
    expect(options).toEqual({
      description: 'Retry of bad on 3 devices whose execution FAILED or TIMED_OUT.',
      presignedUrlConfig: job.presignedUrlConfig,
      timeoutConfig: job.timeoutConfig,
      jobExecutionsRetryConfig: job.jobExecutionsRetryConfig,
      jobExecutionsRolloutConfig: job.jobExecutionsRolloutConfig,
      abortConfig: job.abortConfig,
      tags: [
        { Key: 'createdBy', Value: 'bob' },
        { Key: 'retryOf', Value: 'bad' },
      ],
    })
    expect(validateCreateJobOptions({ ...options, targets: [TARGET] }, { nowMs: 0 }).ok).toBe(true)
  })

  it('sends a bare job with only its description and origin tag', () => {
    const options = retryOptionsOf(
      { jobId: 'j' },
      { retriedJobId: 'j', deviceCount: 1, username: undefined },
    )
    expect(options).toEqual({
      description: 'Retry of j on 1 device whose execution FAILED or TIMED_OUT.',
      tags: [{ Key: 'retryOf', Value: 'j' }],
    })
  })
})
