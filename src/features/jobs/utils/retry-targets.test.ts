import { describe, expect, it } from 'vitest'
import type { ExecutionRow } from '../api/list-job-executions-for-job.ts'
import { latestFailedExecutions } from './retry-targets.ts'

const row = (thingName: string, status: string, executionNumber: number): ExecutionRow => ({
  thingName,
  thingArn: `arn:aws:iot:us-east-1:000000000000:thing/${thingName}`,
  status: status as ExecutionRow['status'],
  executionNumber,
})

describe('latestFailedExecutions', () => {
  it('keeps each thing once, at its latest failed or timed-out attempt, sorted by name', () => {
    const latest = latestFailedExecutions([
      row('b', 'FAILED', 1),
      row('a', 'TIMED_OUT', 1),
      row('b', 'TIMED_OUT', 2),
    ])
    expect(latest.map((r) => [r.thingName, r.status])).toEqual([
      ['a', 'TIMED_OUT'],
      ['b', 'TIMED_OUT'],
    ])
  })

  it('leaves out a thing whose later attempt is queued, running or done', () => {
    const latest = latestFailedExecutions(
      [row('retried', 'FAILED', 1), row('failed-again', 'FAILED', 2), row('kept', 'FAILED', 1)],
      [row('retried', 'SUCCEEDED', 2), row('failed-again', 'QUEUED', 1), row('x', 'QUEUED', 1)],
    )
    expect(latest.map((r) => r.thingName)).toEqual(['failed-again', 'kept'])
  })
})
