import { describe, expect, it } from 'vitest'
import { jobProgressOf, jobProgressSummary } from './job-progress.ts'

describe('jobProgressOf', () => {
  it('counts every terminal status as finished over every execution', () => {
    const progress = jobProgressOf({
      numberOfSucceededThings: 5,
      numberOfFailedThings: 1,
      numberOfRejectedThings: 1,
      numberOfCanceledThings: 1,
      numberOfTimedOutThings: 1,
      numberOfRemovedThings: 1,
      numberOfInProgressThings: 2,
      numberOfQueuedThings: 8,
    })
    expect(progress).toEqual({
      total: 20,
      finished: 10,
      succeeded: 5,
      failed: 3,
      stopped: 2,
      inProgress: 2,
      queued: 8,
      percent: 50,
    })
  })

  it('is 0 % with no executions and with missing counters', () => {
    expect(jobProgressOf(undefined)).toMatchObject({ total: 0, percent: 0 })
    expect(jobProgressOf({})).toMatchObject({ total: 0, percent: 0 })
  })

  it('never rounds up to 100 % before every execution has finished', () => {
    expect(
      jobProgressOf({ numberOfSucceededThings: 999, numberOfInProgressThings: 1 }).percent,
    ).toBe(99)
    expect(jobProgressOf({ numberOfSucceededThings: 3 }).percent).toBe(100)
  })

  it('ignores counters that are not counts', () => {
    expect(
      jobProgressOf({ numberOfSucceededThings: -4, numberOfFailedThings: Number.NaN }).total,
    ).toBe(0)
  })
})

describe('jobProgressSummary', () => {
  it('names only the kinds that occur', () => {
    expect(
      jobProgressSummary(jobProgressOf({ numberOfSucceededThings: 2, numberOfQueuedThings: 1 })),
    ).toBe('2 succeeded, 1 queued')
    expect(jobProgressSummary(jobProgressOf({}))).toBe('No devices yet')
  })
})
