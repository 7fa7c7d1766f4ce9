import { describe, expect, it } from 'vitest'
import { templatePrefill } from './template-prefill.ts'

describe('templatePrefill', () => {
  it('takes the release, forced flag, extra fields and options from a template', () => {
    const prefill = templatePrefill({
      description: 'Canary',
      document: JSON.stringify({
        operation: 'install',
        url: 'https://x',
        version: '1.2.0',
        model: 'lamp-v2',
        sha256: 'a'.repeat(64),
        size: 5,
        forced: true,
        ticket: 'OPS-1',
      }),
      jobExecutionsRolloutConfig: {
        exponentialRate: {
          baseRatePerMinute: 5,
          incrementFactor: 2,
          rateIncreaseCriteria: { numberOfSucceededThings: 10 },
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
      jobExecutionsRetryConfig: {
        criteriaList: [{ failureType: 'TIMED_OUT', numberOfRetries: 2 }],
      },
      timeoutConfig: { inProgressTimeoutInMinutes: 30 },
      maintenanceWindows: [{ startTime: 'cron(0 2 ? * SAT *)', durationInMinutes: 60 }],
      presignedUrlConfig: { roleArn: 'arn:aws:iam::1:role/r', expiresInSec: 600 },
    })
    expect(prefill).toMatchObject({ model: 'lamp-v2', version: '1.2.0', forced: true, notes: [] })
    expect(prefill.options).toMatchObject({
      description: 'Canary',
      rolloutMode: 'exponential',
      baseRatePerMinute: '5',
      incrementFactor: '2',
      numberOfSucceededThings: '10',
      abortEnabled: true,
      abortThresholdPercentage: '20',
      retryFailed: '',
      retryTimedOut: '2',
      inProgressTimeoutInMinutes: '30',
      maintenanceWindowCron: 'cron(0 2 ? * SAT *)',
      maintenanceWindowMinutes: '60',
      urlMode: 'placeholder',
      presignedUrlExpirySeconds: '600',
    })
    expect(JSON.parse(prefill.options.documentTemplate)).toEqual({ ticket: 'OPS-1' })
  })

  it('uses only the options of a template for another operation or without JSON', () => {
    expect(
      templatePrefill({ document: '{"operation":"config-upload","url":"x"}' }).notes,
    ).toHaveLength(1)
    const broken = templatePrefill({ document: '{' })
    expect(broken.notes[0]).toMatch(/not JSON/)
    expect(broken.model).toBeUndefined()
  })
})
