import { describe, expect, it } from 'vitest'
import type { JobEvent } from '@domain/job-events.ts'
import { NO_REASON } from '@domain/job-monitoring/execution-insights.ts'
import {
  MAX_REASON_LENGTH,
  TIMED_OUT_REASON,
  withFailures,
  type RecentFailure,
} from './recent-failures.ts'

const execution = (
  eventId: string,
  thingName: string,
  status: 'SUCCEEDED' | 'FAILED' | 'REJECTED' | 'TIMED_OUT',
  statusDetails: Record<string, string> = {},
  jobId = 'fw-2',
  operation = status.toLowerCase(),
): JobEvent =>
  ({
    eventType: 'JOB_EXECUTION',
    eventId,
    timestamp: 1_795_000_000,
    operation,
    jobId,
    thingArn: `arn:aws:iot:us-east-1:000000000000:thing/${thingName}`,
    thingName,
    status,
    statusDetails,
  }) as JobEvent

describe('withFailures', () => {
  it('lists failed, rejected and timed-out executions newest first, with what the device said', () => {
    const failures = withFailures(
      [],
      [
        execution('e1', 'lamp-1', 'FAILED', { reason: 'boot-failed-rolled-back' }),
        execution('e2', 'lamp-2', 'SUCCEEDED'),
        execution('e3', 'lamp-3', 'REJECTED', { reason: 'downgrade-refused' }),
        execution('e4', 'lamp-4', 'TIMED_OUT'),
        execution('e5', 'lamp-5', 'FAILED', { reason: '  ' }),
      ],
      1_000,
    )
    expect(failures.map((failure) => [failure.thingName, failure.status, failure.reason])).toEqual([
      ['lamp-5', 'FAILED', NO_REASON],
      ['lamp-4', 'TIMED_OUT', TIMED_OUT_REASON],
      ['lamp-3', 'REJECTED', 'downgrade-refused'],
      ['lamp-1', 'FAILED', 'boot-failed-rolled-back'],
    ])
    expect(failures[0]).toMatchObject({ jobId: 'fw-2', eventId: 'e5', receivedAtMs: 1_000 })
  })

  it('keeps one entry per job and device, the newest', () => {
    const first = withFailures([], [execution('e1', 'lamp-1', 'FAILED', { reason: 'a' })], 1)
    const second = withFailures(
      first,
      [
        execution('e2', 'lamp-1', 'FAILED', { reason: 'b' }),
        execution('e3', 'lamp-1', 'FAILED', { reason: 'c' }, 'fw-3'),
      ],
      2,
    )
    expect(second.map((failure) => [failure.jobId, failure.reason])).toEqual([
      ['fw-3', 'c'],
      ['fw-2', 'b'],
    ])
  })

  it('is bounded, dropping the oldest', () => {
    let failures: readonly RecentFailure[] = []
    for (let index = 0; index < 30; index += 1)
      failures = withFailures(failures, [execution(`e${index}`, `t-${index}`, 'FAILED')], index, 20)
    expect(failures).toHaveLength(20)
    expect(failures[0]?.thingName).toBe('t-29')
    expect(failures.at(-1)?.thingName).toBe('t-10')
  })

  it('keeps a device reason as one line of bounded text, markup and all', () => {
    const markup = '<img src=x onerror="alert(1)">\n\tboot loop'
    const [failure] = withFailures([], [execution('e1', 'x', 'FAILED', { reason: markup })], 1)
    expect(failure?.reason).toBe('<img src=x onerror="alert(1)"> boot loop')
    const [long] = withFailures(
      [],
      [execution('e2', 'y', 'FAILED', { reason: 'r'.repeat(1_000) })],
      1,
    )
    expect(long?.reason).toHaveLength(MAX_REASON_LENGTH)
    expect(long?.reason.endsWith('…')).toBe(true)
  })

  it('ignores deleted executions and job events, and returns the same list when nothing failed', () => {
    const failures = withFailures([], [execution('e1', 'x', 'FAILED', {}, 'fw-2', 'deleted')], 1)
    expect(failures).toEqual([])
    const jobEvent = {
      eventType: 'JOB',
      eventId: 'j1',
      timestamp: 1,
      operation: 'completed',
      jobId: 'fw-2',
      status: 'COMPLETED',
    } as JobEvent
    expect(withFailures(failures, [jobEvent], 1)).toBe(failures)
  })
})
