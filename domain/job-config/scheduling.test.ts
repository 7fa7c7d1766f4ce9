import { describe, expect, it } from 'vitest'
import {
  formatSchedulingTime,
  parseSchedulingTime,
  validateSchedulingConfig,
} from './scheduling.ts'

const NOW = Date.UTC(2026, 10, 22, 12, 0) // 2026-11-22T12:00Z
const at = (iso: string) => Date.parse(`${iso}Z`)

function messages(input: unknown): string[] {
  const result = validateSchedulingConfig(input, { nowMs: NOW })
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`)
}

describe('parseSchedulingTime', () => {
  it('reads YYYY-MM-DDTHH:MM as UTC, with optional seconds and Z', () => {
    expect(parseSchedulingTime('2026-11-22T12:30')).toBe(at('2026-11-22T12:30'))
    expect(parseSchedulingTime('2026-11-22T12:30:15Z')).toBe(at('2026-11-22T12:30:15'))
  })

  it.each([
    '2026-02-30T10:00',
    '2026-13-01T10:00',
    '2026-11-22T24:00',
    '2026-11-22 12:30',
    '22/11/2026 12:30',
    '2026-11-22T12:30+01:00',
    '',
  ])('refuses %j', (text) => {
    expect(parseSchedulingTime(text)).toBeUndefined()
  })

  it('formats back to the minute', () => {
    expect(formatSchedulingTime(at('2027-01-05T03:04:59'))).toBe('2027-01-05T03:04')
  })
})

describe('schedulingConfig', () => {
  it('accepts a start exactly 30 minutes and exactly one year ahead', () => {
    expect(messages({ startTime: '2026-11-22T12:30' })).toEqual([])
    expect(messages({ startTime: '2027-11-22T12:00' })).toEqual([])
  })

  it('refuses a start 29 minutes or one year and a minute ahead', () => {
    expect(messages({ startTime: '2026-11-22T12:29' })).toEqual([
      'startTime: Start time must be at least 30 minutes from now.',
    ])
    expect(messages({ startTime: '2027-11-22T12:01' })).toEqual([
      'startTime: Start time must be at most one year from now.',
    ])
  })

  it('refuses a start that is not a date', () => {
    expect(messages({ startTime: 'tomorrow' })).toEqual([
      'startTime: Start time must be a UTC date and time written YYYY-MM-DDTHH:MM, such as 2027-03-01T02:00.',
    ])
  })

  it('needs the end at least 30 minutes after the start', () => {
    expect(messages({ startTime: '2026-11-23T00:00', endTime: '2026-11-23T00:30' })).toEqual([])
    expect(messages({ startTime: '2026-11-23T00:00', endTime: '2026-11-23T00:29' })).toEqual([
      'endTime: End time must be at least 30 minutes after the start time.',
    ])
  })

  it('bounds the end to two years from now and from the start', () => {
    expect(messages({ endTime: '2028-11-22T12:00' })).toEqual([])
    expect(messages({ endTime: '2028-11-22T12:01' })).toEqual([
      'endTime: End time must be at most two years from now.',
    ])
    expect(messages({ endTime: '2026-11-22T12:10' })).toEqual([
      'endTime: End time must be at least 30 minutes from now.',
    ])
  })

  it('takes an end behavior only with an end time', () => {
    expect(messages({ endTime: '2026-12-01T00:00', endBehavior: 'FORCE_CANCEL' })).toEqual([])
    expect(messages({ endBehavior: 'CANCEL' })).toEqual([
      'endBehavior: End behavior applies only when the job has an end time.',
    ])
    expect(messages({ endTime: '2026-12-01T00:00', endBehavior: 'PAUSE' })).toEqual([
      'endBehavior: End behavior must be one of STOP_ROLLOUT, CANCEL, FORCE_CANCEL.',
    ])
  })

  it('accepts maintenance windows of 1 to 1430 minutes starting on a cron expression', () => {
    expect(
      messages({
        startTime: '2026-12-01T00:00',
        maintenanceWindows: [
          { startTime: 'cron(0 2 ? * SAT *)', durationInMinutes: 1 },
          { startTime: 'cron(30 22 1-7 * ? 2027)', durationInMinutes: 1430 },
        ],
      }),
    ).toEqual([])
  })

  it('refuses windows with a bad duration or start', () => {
    expect(
      messages({
        maintenanceWindows: [{ startTime: 'cron(0 2 ? * SAT *)', durationInMinutes: 1431 }],
      }),
    ).toEqual([
      'maintenanceWindows[0].durationInMinutes: Maintenance window duration (minutes) must be a whole number from 1 to 1430.',
    ])
    for (const startTime of ['0 2 * * 6', 'cron(0 2 * * 6)', 'Saturdays at 2']) {
      expect(messages({ maintenanceWindows: [{ startTime, durationInMinutes: 60 }] })[0]).toContain(
        'maintenanceWindows[0].startTime: A maintenance window starts on a cron expression with six fields',
      )
    }
  })
})
