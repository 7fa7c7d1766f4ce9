import { describe, expect, it } from 'vitest'
import {
  CronSyntaxError,
  cronMatches,
  isWithinCronWindow,
  nextCronTimes,
  parseCron,
} from './cron.ts'

const at = (iso: string) => Date.parse(`${iso}Z`)

describe('parseCron', () => {
  it('takes * for day-of-month with ? for day-of-week: every day', () => {
    const daily = parseCron('cron(0 2 * * ? *)')
    expect(daily.daysOfMonth?.size).toBe(31)
    expect(daily.daysOfWeek).toBeUndefined()
  })

  it('reads numbers, ranges, lists, steps and names', () => {
    const schedule = parseCron('cron(0/15 2-4 ? JAN,MAR MON-FRI 2026-2027)')
    expect([...schedule.minutes]).toEqual([0, 15, 30, 45])
    expect([...schedule.hours]).toEqual([2, 3, 4])
    expect([...schedule.months]).toEqual([1, 3])
    expect([...(schedule.daysOfWeek ?? [])]).toEqual([2, 3, 4, 5, 6])
    expect(schedule.daysOfMonth).toBeUndefined()
  })

  it.each([
    ['0 2 * * 6', 'six fields'],
    ['cron(0 2 * * MON *)', 'either day-of-month or day-of-week'],
    ['cron(60 2 ? * MON *)', '"60" is not a valid minutes'],
    ['cron(0 2 L * ? *)', 'L, W or #'],
    ['cron(0 2 ? * MON#2 *)', 'L, W or #'],
    ['cron(? 2 1 * ? *)', ''],
    ['cron(0 5-2 1 * ? *)', 'runs backwards'],
  ])('refuses %s', (expression, message) => {
    expect(() => parseCron(expression)).toThrow(CronSyntaxError)
    if (message !== '') expect(() => parseCron(expression)).toThrow(message)
  })
})

describe('cron evaluation', () => {
  const saturdays = parseCron('cron(30 2 ? * SAT *)')

  it('matches the minute it names, in UTC', () => {
    expect(cronMatches(saturdays, at('2026-11-28T02:30'))).toBe(true)
    expect(cronMatches(saturdays, at('2026-11-28T02:30:59'))).toBe(true)
    expect(cronMatches(saturdays, at('2026-11-28T02:31'))).toBe(false)
    expect(cronMatches(saturdays, at('2026-11-27T02:30'))).toBe(false)
  })

  it('lists the next firing times', () => {
    expect(nextCronTimes(saturdays, at('2026-11-22T12:00'), 3)).toEqual([
      at('2026-11-28T02:30'),
      at('2026-12-05T02:30'),
      at('2026-12-12T02:30'),
    ])
    expect(nextCronTimes(parseCron('cron(0 0 1 1 ? 2020)'), at('2026-01-01T00:00'), 1)).toEqual([])
  })

  it('knows when a window is open', () => {
    expect(isWithinCronWindow(saturdays, 60, at('2026-11-28T03:29'))).toBe(true)
    expect(isWithinCronWindow(saturdays, 60, at('2026-11-28T03:30'))).toBe(false)
    expect(isWithinCronWindow(saturdays, 60, at('2026-11-28T02:29'))).toBe(false)
  })
})
