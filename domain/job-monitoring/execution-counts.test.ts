import { describe, expect, it } from 'vitest'
import {
  applyTerminalStatuses,
  countsFromProcessDetails,
  EMPTY_COUNTS,
  failedOf,
  finishedOf,
  totalOf,
} from './execution-counts.ts'

describe('countsFromProcessDetails', () => {
  it('maps every counter and treats missing or odd values as zero', () => {
    const counts = countsFromProcessDetails({
      numberOfQueuedThings: 3,
      numberOfInProgressThings: 2,
      numberOfSucceededThings: 5,
      numberOfFailedThings: -1,
      numberOfTimedOutThings: Number.NaN,
      numberOfRejectedThings: 1,
    })
    expect(counts).toEqual({
      ...EMPTY_COUNTS,
      QUEUED: 3,
      IN_PROGRESS: 2,
      SUCCEEDED: 5,
      REJECTED: 1,
    })
    expect(totalOf(counts)).toBe(11)
    expect(finishedOf(counts)).toBe(6)
    expect(failedOf(counts)).toBe(1)
  })
})

describe('applyTerminalStatuses', () => {
  it('moves executions from in progress first, then queued, keeping the total', () => {
    const before = { ...EMPTY_COUNTS, QUEUED: 2, IN_PROGRESS: 1 }
    const after = applyTerminalStatuses(before, ['SUCCEEDED', 'FAILED', 'CANCELED'])
    expect(after).toEqual({ ...EMPTY_COUNTS, SUCCEEDED: 1, FAILED: 1, CANCELED: 1 })
    expect(totalOf(after)).toBe(totalOf(before))
  })

  it('takes cancels from queued executions first', () => {
    const before = { ...EMPTY_COUNTS, QUEUED: 1, IN_PROGRESS: 1 }
    expect(applyTerminalStatuses(before, ['CANCELED'])).toEqual({
      ...EMPTY_COUNTS,
      IN_PROGRESS: 1,
      CANCELED: 1,
    })
  })

  it('ignores events it cannot place rather than going negative', () => {
    const before = { ...EMPTY_COUNTS, SUCCEEDED: 1 }
    expect(applyTerminalStatuses(before, ['FAILED', 'IN_PROGRESS'])).toEqual(before)
  })
})
