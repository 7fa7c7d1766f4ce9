import { describe, expect, it } from 'vitest'
import { validateWith } from '../validation.ts'
import { abortConfigSchema } from './abort.ts'
import { presignedUrlConfigSchema } from './presigned-url.ts'
import { jobExecutionsRetryConfigSchema } from './retry.ts'
import { jobExecutionsRolloutConfigSchema } from './rollout.ts'
import { timeoutConfigSchema } from './timeout.ts'
import type { z } from 'zod'

function messages(schema: z.ZodType, input: unknown): string[] {
  const result = validateWith(schema, input)
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`)
}

const exponential = (overrides: object = {}) => ({
  exponentialRate: {
    baseRatePerMinute: 10,
    incrementFactor: 2,
    rateIncreaseCriteria: { numberOfSucceededThings: 50 },
    ...overrides,
  },
})

describe('jobExecutionsRolloutConfig', () => {
  it.each([1, 1000])('accepts maximumPerMinute %d', (maximumPerMinute) => {
    expect(messages(jobExecutionsRolloutConfigSchema, { maximumPerMinute })).toEqual([])
  })

  it.each([0, 1001, 2.5, '10'])('refuses maximumPerMinute %j', (maximumPerMinute) => {
    expect(messages(jobExecutionsRolloutConfigSchema, { maximumPerMinute })).toEqual([
      'maximumPerMinute: Maximum per minute must be a whole number from 1 to 1000.',
    ])
  })

  it('accepts an exponential rate at its edges', () => {
    for (const incrementFactor of [1.1, 1.5, 5]) {
      expect(messages(jobExecutionsRolloutConfigSchema, exponential({ incrementFactor }))).toEqual(
        [],
      )
    }
    for (const baseRatePerMinute of [1, 1000]) {
      expect(
        messages(jobExecutionsRolloutConfigSchema, exponential({ baseRatePerMinute })),
      ).toEqual([])
    }
  })

  it.each([1, 5.1, 1.15, 2.25])('refuses increment factor %d', (incrementFactor) => {
    expect(messages(jobExecutionsRolloutConfigSchema, exponential({ incrementFactor }))).toEqual([
      'exponentialRate.incrementFactor: Increment factor must be from 1.1 to 5 with at most one decimal place.',
    ])
  })

  it('increases the rate after notified things, succeeded things, or both', () => {
    for (const rateIncreaseCriteria of [
      { numberOfNotifiedThings: 100 },
      { numberOfSucceededThings: 50 },
      { numberOfNotifiedThings: 100, numberOfSucceededThings: 50 },
    ]) {
      expect(
        messages(jobExecutionsRolloutConfigSchema, exponential({ rateIncreaseCriteria })),
      ).toEqual([])
    }
    expect(
      messages(jobExecutionsRolloutConfigSchema, exponential({ rateIncreaseCriteria: {} })),
    ).toEqual([
      'exponentialRate.rateIncreaseCriteria: Say when to increase the rate: after a number of notified things, of succeeded things, or both.',
    ])
    expect(
      messages(
        jobExecutionsRolloutConfigSchema,
        exponential({ rateIncreaseCriteria: { numberOfNotifiedThings: 0 } }),
      ),
    ).toEqual([
      'exponentialRate.rateIncreaseCriteria.numberOfNotifiedThings: Number of notified things must be a whole number from 1 to 2147483647.',
    ])
  })

  it('refuses fields AWS does not have', () => {
    expect(messages(jobExecutionsRolloutConfigSchema, { maximumPerMinuteTypo: 5 })).toHaveLength(1)
  })
})

describe('abortConfig', () => {
  const criterion = (overrides: object = {}) => ({
    failureType: 'FAILED',
    action: 'CANCEL',
    thresholdPercentage: 10,
    minNumberOfExecutedThings: 20,
    ...overrides,
  })

  it('accepts thresholds with up to two decimals, from 0 to 100', () => {
    for (const thresholdPercentage of [0, 10.9, 10.99, 100]) {
      expect(
        messages(abortConfigSchema, { criteriaList: [criterion({ thresholdPercentage })] }),
      ).toEqual([])
    }
  })

  it.each([10.999, 100.01, -1])('refuses threshold %d', (thresholdPercentage) => {
    expect(
      messages(abortConfigSchema, { criteriaList: [criterion({ thresholdPercentage })] }),
    ).toEqual([
      'criteriaList[0].thresholdPercentage: Threshold must be a percentage from 0 to 100 with at most two decimal places.',
    ])
  })

  it('accepts every failure type once, refuses repeats and unknown ones', () => {
    const all = ['FAILED', 'REJECTED', 'TIMED_OUT', 'ALL'].map((failureType) =>
      criterion({ failureType }),
    )
    expect(messages(abortConfigSchema, { criteriaList: all })).toEqual([])
    expect(messages(abortConfigSchema, { criteriaList: [criterion(), criterion()] })).toEqual([
      'criteriaList: Each failure type may appear in only one abort criterion.',
    ])
    expect(
      messages(abortConfigSchema, { criteriaList: [criterion({ failureType: 'REMOVED' })] }),
    ).toEqual([
      'criteriaList[0].failureType: Failure type must be one of FAILED, REJECTED, TIMED_OUT, ALL.',
    ])
  })

  it('requires every criterion field, the CANCEL action and at least one criterion', () => {
    expect(messages(abortConfigSchema, { criteriaList: [criterion({ action: 'PAUSE' })] })).toEqual(
      ['criteriaList[0].action: The only abort action AWS offers is CANCEL.'],
    )
    expect(
      messages(abortConfigSchema, { criteriaList: [criterion({ minNumberOfExecutedThings: 0 })] }),
    ).toEqual([
      'criteriaList[0].minNumberOfExecutedThings: Minimum number of executed things must be a whole number from 1 to 2147483647.',
    ])
    expect(messages(abortConfigSchema, { criteriaList: [] })).toEqual([
      'criteriaList: Give at least one abort criterion, or no abort configuration.',
    ])
  })
})

describe('jobExecutionsRetryConfig', () => {
  it('accepts 0 to 10 retries', () => {
    for (const numberOfRetries of [0, 10]) {
      expect(
        messages(jobExecutionsRetryConfigSchema, {
          criteriaList: [{ failureType: 'FAILED', numberOfRetries }],
        }),
      ).toEqual([])
    }
  })

  it('refuses 11 retries and REJECTED, which AWS never retries', () => {
    expect(
      messages(jobExecutionsRetryConfigSchema, {
        criteriaList: [{ failureType: 'ALL', numberOfRetries: 11 }],
      }),
    ).toEqual([
      'criteriaList[0].numberOfRetries: Number of retries must be a whole number from 0 to 10.',
    ])
    expect(
      messages(jobExecutionsRetryConfigSchema, {
        criteriaList: [{ failureType: 'REJECTED', numberOfRetries: 1 }],
      }),
    ).toEqual([
      'criteriaList[0].failureType: Retry failure type must be one of FAILED, TIMED_OUT, ALL.',
    ])
  })

  it('retries a device at most ten times across both criteria', () => {
    const list = (failed: number, timedOut: number) => ({
      criteriaList: [
        { failureType: 'FAILED', numberOfRetries: failed },
        { failureType: 'TIMED_OUT', numberOfRetries: timedOut },
      ],
    })
    expect(messages(jobExecutionsRetryConfigSchema, list(6, 4))).toEqual([])
    expect(messages(jobExecutionsRetryConfigSchema, list(6, 5))).toEqual([
      'criteriaList: A device is retried at most 10 times in all; lower the numbers of retries.',
    ])
  })

  it('takes one or two criteria, distinct, without ALL beside another', () => {
    const failed = { failureType: 'FAILED', numberOfRetries: 2 }
    const timedOut = { failureType: 'TIMED_OUT', numberOfRetries: 1 }
    const all = { failureType: 'ALL', numberOfRetries: 1 }
    expect(messages(jobExecutionsRetryConfigSchema, { criteriaList: [failed, timedOut] })).toEqual(
      [],
    )
    expect(
      messages(jobExecutionsRetryConfigSchema, { criteriaList: [failed, timedOut, all] }),
    ).toContain('criteriaList: AWS allows at most two retry criteria.')
    expect(messages(jobExecutionsRetryConfigSchema, { criteriaList: [failed, failed] })).toEqual([
      'criteriaList: Each failure type may appear in only one retry criterion.',
    ])
    expect(messages(jobExecutionsRetryConfigSchema, { criteriaList: [failed, all] })).toEqual([
      'criteriaList: ALL already covers FAILED and TIMED_OUT; do not combine it with them.',
    ])
    expect(messages(jobExecutionsRetryConfigSchema, { criteriaList: [] })).toEqual([
      'criteriaList: Give one or two retry criteria, or no retry configuration.',
    ])
  })
})

describe('timeoutConfig', () => {
  it('accepts 1 to 10080 minutes', () => {
    expect(messages(timeoutConfigSchema, { inProgressTimeoutInMinutes: 1 })).toEqual([])
    expect(messages(timeoutConfigSchema, { inProgressTimeoutInMinutes: 10_080 })).toEqual([])
  })

  it.each([0, 10_081, 1.5])('refuses %d minutes', (inProgressTimeoutInMinutes) => {
    expect(messages(timeoutConfigSchema, { inProgressTimeoutInMinutes })).toEqual([
      'inProgressTimeoutInMinutes: In-progress timeout (minutes) must be a whole number from 1 to 10080.',
    ])
  })
})

describe('presignedUrlConfig', () => {
  const roleArn = 'arn:aws:iam::123456789012:role/fleetdeck-presign'

  it('accepts 60 to 3600 seconds, or no expiry (AWS defaults to 3600)', () => {
    for (const expiresInSec of [60, 3600, undefined]) {
      expect(messages(presignedUrlConfigSchema, { roleArn, expiresInSec })).toEqual([])
    }
  })

  it.each([59, 3601])('refuses %d seconds', (expiresInSec) => {
    expect(messages(presignedUrlConfigSchema, { roleArn, expiresInSec })).toEqual([
      'expiresInSec: URL expiry (seconds) must be a whole number from 60 to 3600.',
    ])
  })

  it('needs an IAM role ARN', () => {
    for (const badArn of [
      'fleetdeck-presign',
      'arn:aws:iam::123:role/x',
      'arn:aws:iot:us-east-1:123456789012:thing/x',
    ]) {
      expect(messages(presignedUrlConfigSchema, { roleArn: badArn })).toEqual([
        'roleArn: The pre-signing role must be an IAM role ARN (arn:aws:iam::123456789012:role/name).',
      ])
    }
    expect(
      messages(presignedUrlConfigSchema, {
        roleArn: 'arn:aws-cn:iam::123456789012:role/path/to/role',
      }),
    ).toEqual([])
  })
})
