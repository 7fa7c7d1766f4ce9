import { describe, expect, it } from 'vitest'
import { thingArn, thingGroupArn } from '../arn.ts'
import { validateCreateJobOptions } from './create-job-options.ts'

const scope = { region: 'us-east-1', accountId: '000000000000' }
const NOW = Date.UTC(2026, 10, 22, 12, 0)

function messages(input: unknown): string[] {
  const result = validateCreateJobOptions(input, { nowMs: NOW })
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`)
}

const targets = (count: number) =>
  Array.from({ length: count }, (_, index) => thingArn(scope, `thing-${index}`))

describe('validateCreateJobOptions', () => {
  it('accepts a complete configuration and returns it unchanged', () => {
    const options = {
      targets: [thingGroupArn(scope, 'line-4'), thingArn(scope, 'thermo-0001')],
      targetSelection: 'CONTINUOUS',
      description: 'Thermostat firmware 2.1.0 — canary',
      jobExecutionsRolloutConfig: { maximumPerMinute: 100 },
      abortConfig: {
        criteriaList: [
          {
            failureType: 'ALL',
            action: 'CANCEL',
            thresholdPercentage: 5,
            minNumberOfExecutedThings: 10,
          },
        ],
      },
      timeoutConfig: { inProgressTimeoutInMinutes: 60 },
      jobExecutionsRetryConfig: {
        criteriaList: [{ failureType: 'TIMED_OUT', numberOfRetries: 2 }],
      },
      presignedUrlConfig: { roleArn: 'arn:aws:iam::000000000000:role/presign', expiresInSec: 900 },
      schedulingConfig: {
        startTime: '2026-11-23T02:00',
        endTime: '2026-11-23T06:00',
        endBehavior: 'STOP_ROLLOUT',
      },
      tags: [{ Key: 'fleetdeck:creator', Value: 'ops@example.com' }],
    }
    expect(validateCreateJobOptions(options, { nowMs: NOW })).toEqual({ ok: true, value: options })
  })

  it('takes 1 to 100 targets', () => {
    expect(messages({ targets: targets(100) })).toEqual([])
    expect(messages({ targets: [] })).toEqual(['targets: Choose at least one target.'])
    expect(messages({ targets: targets(101) })).toEqual([
      'targets: A job takes at most 100 targets; put the devices in a thing group and target the group.',
    ])
  })

  it('takes only thing and thing-group ARNs, each once', () => {
    expect(messages({ targets: ['thermo-0001'] })).toEqual([
      'targets[0]: A target must be a thing or thing group ARN (arn:aws:iot:region:account:thing/name).',
    ])
    expect(messages({ targets: ['arn:aws:iot:us-east-1:000000000000:job/j1'] })).toHaveLength(1)
    expect(messages({ targets: [thingArn(scope, 't1'), thingArn(scope, 't1')] })).toEqual([
      'targets: Each target may appear only once.',
    ])
  })

  it('limits the description to 2028 printable characters', () => {
    expect(messages({ targets: targets(1), description: 'd'.repeat(2028) })).toEqual([])
    expect(messages({ targets: targets(1), description: 'd'.repeat(2029) })).toEqual([
      'description: Description must be at most 2028 characters.',
    ])
    expect(messages({ targets: targets(1), description: 'two\nlines' })).toEqual([
      'description: Description must not contain line breaks or other control characters.',
    ])
  })

  it('refuses an empty description: AWS wants it left out', () => {
    expect(messages({ targets: targets(1), description: '' })).toEqual([
      'description: Description must not be empty; leave it out instead.',
    ])
  })

  it('needs an in-progress timeout to retry timed-out devices', () => {
    const retry = (failureType: string) => ({ criteriaList: [{ failureType, numberOfRetries: 2 }] })
    for (const failureType of ['TIMED_OUT', 'ALL']) {
      expect(
        messages({ targets: targets(1), jobExecutionsRetryConfig: retry(failureType) }),
      ).toEqual([
        'jobExecutionsRetryConfig: Retrying timed-out devices needs an in-progress timeout; set one or retry FAILED only.',
      ])
      expect(
        messages({
          targets: targets(1),
          jobExecutionsRetryConfig: retry(failureType),
          timeoutConfig: { inProgressTimeoutInMinutes: 30 },
        }),
      ).toEqual([])
    }
    expect(messages({ targets: targets(1), jobExecutionsRetryConfig: retry('FAILED') })).toEqual([])
  })

  it('checks tags', () => {
    expect(
      messages({ targets: targets(1), tags: [{ Key: 'team name', Value: 'ops/eu-1 +on-call@x' }] }),
    ).toEqual([])
    expect(messages({ targets: targets(1), tags: [{ Key: 'a#b', Value: 'x' }] })).toEqual([
      'tags[0].Key: Tag keys may contain only letters, digits, spaces and _ . : / = + - @.',
    ])
    expect(messages({ targets: targets(1), tags: [{ Key: 'k', Value: 'semi;colon' }] })).toEqual([
      'tags[0].Value: Tag values may contain only letters, digits, spaces and _ . : / = + - @.',
    ])
    expect(messages({ targets: targets(1), tags: [{ Key: 'aws:owner', Value: 'x' }] })).toEqual([
      'tags[0].Key: Tag keys starting with "aws:" are reserved by AWS.',
    ])
    expect(messages({ targets: targets(1), tags: [{ Key: 'a' }, { Key: 'a' }] })).toEqual([
      'tags: Each tag key may appear only once.',
    ])
  })

  it('reports problems in nested configurations with their paths, all at once', () => {
    expect(
      messages({
        targets: targets(1),
        targetSelection: 'ONCE',
        timeoutConfig: { inProgressTimeoutInMinutes: 0 },
        schedulingConfig: { startTime: '2026-11-22T12:10' },
      }),
    ).toEqual([
      'targetSelection: Target selection must be SNAPSHOT or CONTINUOUS.',
      'timeoutConfig.inProgressTimeoutInMinutes: In-progress timeout (minutes) must be a whole number from 1 to 10080.',
      'schedulingConfig.startTime: Start time must be at least 30 minutes from now.',
    ])
  })
})
