import { describe, expect, it } from 'vitest'
import { EMPTY_COUNTS } from '@domain/job-monitoring/execution-counts.ts'
import { rolloutProgress, shownActiveJobs } from './active-jobs.ts'

describe('shownActiveJobs', () => {
  it('shows the newest jobs first, up to the cap, and counts the rest', () => {
    const jobs = [
      { jobId: 'a', createdAtMs: 1_000 },
      { jobId: 'c', createdAtMs: 3_000 },
      { jobId: 'b', createdAtMs: 2_000 },
      { jobId: 'undated', createdAtMs: undefined },
    ]
    expect(shownActiveJobs(jobs, 2)).toEqual({ jobIds: ['c', 'b'], more: 2 })
    expect(shownActiveJobs(jobs)).toEqual({ jobIds: ['c', 'b', 'a', 'undated'], more: 0 })
    expect(shownActiveJobs([])).toEqual({ jobIds: [], more: 0 })
  })

  it('lists a job once even if a page repeats it', () => {
    expect(
      shownActiveJobs([
        { jobId: 'a', createdAtMs: 1 },
        { jobId: 'a', createdAtMs: 1 },
      ]).jobIds,
    ).toEqual(['a'])
  })
})

describe('rolloutProgress', () => {
  it('counts finished executions, floored so 100 % means all of them', () => {
    expect(
      rolloutProgress({
        ...EMPTY_COUNTS,
        SUCCEEDED: 995,
        FAILED: 2,
        REJECTED: 1,
        TIMED_OUT: 1,
        IN_PROGRESS: 1,
      }),
    ).toEqual({
      total: 1_000,
      finished: 999,
      succeeded: 995,
      failed: 4,
      inProgress: 1,
      queued: 0,
      percent: 99,
    })
    expect(rolloutProgress(EMPTY_COUNTS).percent).toBe(0)
    expect(rolloutProgress({ ...EMPTY_COUNTS, CANCELED: 3 }).percent).toBe(100)
  })
})
