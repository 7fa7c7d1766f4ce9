import { describe, expect, it } from 'vitest'
import {
  downloadPercentiles,
  EMPTY_INSIGHTS,
  failureReasons,
  nearestRank,
  NO_REASON,
  observeExecutions,
} from './execution-insights.ts'

describe('nearestRank', () => {
  it('follows the nearest-rank definition', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1)
    expect(nearestRank(values, 50)).toBe(50)
    expect(nearestRank(values, 95)).toBe(95)
    expect(nearestRank(values, 99)).toBe(99)
    expect(nearestRank([7], 99)).toBe(7)
    expect(nearestRank([], 50)).toBeUndefined()
  })
})

describe('observeExecutions', () => {
  it('computes download percentiles from statusDetails, ignoring values that are not whole milliseconds', () => {
    const insights = observeExecutions(EMPTY_INSIGHTS, [
      { thingName: 'a', status: 'SUCCEEDED', statusDetails: { downloadMs: '1000' } },
      { thingName: 'b', status: 'SUCCEEDED', statusDetails: { downloadMs: '3000' } },
      { thingName: 'c', status: 'FAILED', statusDetails: { downloadMs: '2000', reason: 'x' } },
      { thingName: 'd', status: 'SUCCEEDED', statusDetails: { downloadMs: '-5' } },
      { thingName: 'e', status: 'SUCCEEDED', statusDetails: { downloadMs: 12 } },
    ])
    expect(downloadPercentiles(insights)).toEqual({ samples: 3, p50: 2000, p95: 3000, p99: 3000 })
  })

  it('counts one outcome per thing, the newest', () => {
    let insights = observeExecutions(EMPTY_INSIGHTS, [
      { thingName: 'a', status: 'FAILED', statusDetails: { reason: 'download-failed' } },
    ])
    insights = observeExecutions(insights, [
      { thingName: 'a', status: 'FAILED', statusDetails: { reason: 'boot-failed-rolled-back' } },
      { thingName: 'b', status: 'FAILED', statusDetails: { reason: 'boot-failed-rolled-back' } },
      { thingName: 'c', status: 'REJECTED', statusDetails: {} },
      { thingName: 'd', status: 'TIMED_OUT' },
      { thingName: 'e', status: 'SUCCEEDED', statusDetails: { reason: 'ignored' } },
    ])
    const { reasons, observedFailures } = failureReasons(insights)
    expect(observedFailures).toBe(4)
    expect(reasons[0]).toEqual({ reason: 'boot-failed-rolled-back', count: 2 })
    expect(reasons.map((entry) => entry.reason)).toContain(NO_REASON)
    expect(reasons.map((entry) => entry.reason)).not.toContain('download-failed')
  })

  it('keeps the same object when nothing was observed', () => {
    expect(observeExecutions(EMPTY_INSIGHTS, [])).toBe(EMPTY_INSIGHTS)
  })
})
