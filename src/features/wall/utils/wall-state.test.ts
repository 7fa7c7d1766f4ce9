import { describe, expect, it } from 'vitest'
import type { JobEvent } from '@domain/job-events.ts'
import { EMPTY_COUNTS } from '@domain/job-monitoring/execution-counts.ts'
import { downloadPercentiles, EMPTY_INSIGHTS } from '@domain/job-monitoring/execution-insights.ts'
import { MAX_TIMELINE_POINTS } from '@domain/job-monitoring/execution-timeline.ts'
import {
  createWallStore,
  INITIAL_WALL_STATE,
  terminalStatusesByJob,
  wallTransition,
  type WallState,
} from './wall-state.ts'

const failed = (
  eventId: string,
  jobId: string,
  thingName: string,
  downloadMs = '1500',
): JobEvent => ({
  eventType: 'JOB_EXECUTION',
  eventId,
  timestamp: 1,
  operation: 'failed',
  jobId,
  thingArn: `arn:aws:iot:us-east-1:000000000000:thing/${thingName}`,
  thingName,
  status: 'FAILED',
  statusDetails: { reason: 'checksum-mismatch', downloadMs },
})

const shown = (jobIds: string[]): WallState =>
  wallTransition(INITIAL_WALL_STATE, { type: 'jobsShown', jobIds })

describe('wallTransition', () => {
  it('draws a timeline per shown job from its counters, one point per change', () => {
    let state = shown(['fw-2'])
    for (const [atMs, succeeded] of [
      [1_000, 0],
      [5_000, 0],
      [9_000, 3],
    ] as const)
      state = wallTransition(state, {
        type: 'countersRead',
        jobId: 'fw-2',
        counts: { ...EMPTY_COUNTS, QUEUED: 10 - succeeded, SUCCEEDED: succeeded },
        atMs,
      })
    expect(state.timelines.get('fw-2')?.map((point) => point.atMs)).toEqual([1_000, 9_000])
    // Counters of a job the wall does not show are not kept.
    const same = wallTransition(state, {
      type: 'countersRead',
      jobId: 'other',
      counts: EMPTY_COUNTS,
      atMs: 10_000,
    })
    expect(same).toBe(state)
  })

  it("moves a read job's counts with its events until the next DescribeJob replaces them", () => {
    let state = shown(['fw-2', 'fw-3'])
    state = wallTransition(state, {
      type: 'countersRead',
      jobId: 'fw-2',
      counts: { ...EMPTY_COUNTS, IN_PROGRESS: 3, QUEUED: 7 },
      atMs: 1_000,
    })
    state = wallTransition(state, {
      type: 'eventsReceived',
      // fw-3 was never read: there is nothing to move.
      events: [failed('e1', 'fw-2', 'lamp-1'), failed('e2', 'fw-3', 'lock-1')],
      atMs: 2_000,
    })
    expect(state.counts.get('fw-2')).toEqual({
      counts: { ...EMPTY_COUNTS, IN_PROGRESS: 2, QUEUED: 7, FAILED: 1 },
      updatedAtMs: 2_000,
    })
    expect(state.counts.has('fw-3')).toBe(false)
    expect(state.timelines.get('fw-2')?.map((point) => point.atMs)).toEqual([1_000, 2_000])
    state = wallTransition(state, {
      type: 'countersRead',
      jobId: 'fw-2',
      counts: { ...EMPTY_COUNTS, IN_PROGRESS: 5, QUEUED: 4, FAILED: 1 },
      atMs: 30_000,
    })
    expect(state.counts.get('fw-2')?.counts).toEqual({
      ...EMPTY_COUNTS,
      IN_PROGRESS: 5,
      QUEUED: 4,
      FAILED: 1,
    })
  })

  it("keeps what a shown job's events carried, and every job's failures", () => {
    let state = shown(['fw-2'])
    state = wallTransition(state, {
      type: 'eventsReceived',
      events: [failed('e1', 'fw-2', 'lamp-1', '2000'), failed('e2', 'cfg-1', 'lock-1')],
      atMs: 7_000,
    })
    expect(downloadPercentiles(state.insights.get('fw-2') ?? EMPTY_INSIGHTS)).toMatchObject({
      samples: 1,
      p99: 2_000,
    })
    expect(state.insights.has('cfg-1')).toBe(false)
    expect(state.failures.map((failure) => failure.thingName)).toEqual(['lock-1', 'lamp-1'])
  })

  it('forgets a job once it is no longer shown', () => {
    let state = shown(['fw-2', 'fw-3'])
    state = wallTransition(state, {
      type: 'countersRead',
      jobId: 'fw-3',
      counts: { ...EMPTY_COUNTS, QUEUED: 1 },
      atMs: 1,
    })
    state = wallTransition(state, {
      type: 'eventsReceived',
      events: [failed('e1', 'fw-3', 'lamp-1')],
      atMs: 2,
    })
    state = wallTransition(state, { type: 'jobsShown', jobIds: ['fw-2'] })
    expect(state.timelines.has('fw-3')).toBe(false)
    expect(state.insights.has('fw-3')).toBe(false)
    // Its failures stay listed: they happened.
    expect(state.failures).toHaveLength(1)
  })

  it('stays bounded for a day of counters', () => {
    let state = shown(['fw-2'])
    for (let second = 0; second < 86_400; second += 10)
      state = wallTransition(state, {
        type: 'countersRead',
        jobId: 'fw-2',
        counts: { ...EMPTY_COUNTS, SUCCEEDED: second },
        atMs: second * 1000,
      })
    expect(state.timelines.get('fw-2')?.length).toBeLessThanOrEqual(MAX_TIMELINE_POINTS)
  })

  it('returns the same state when events change nothing it keeps', () => {
    const state = shown(['fw-2'])
    const jobEvent = {
      eventType: 'JOB',
      eventId: 'j1',
      timestamp: 1,
      operation: 'completed',
      jobId: 'fw-2',
      status: 'COMPLETED',
    } as JobEvent
    expect(wallTransition(state, { type: 'eventsReceived', events: [jobEvent], atMs: 1 })).toBe(
      state,
    )
  })
})

describe('terminalStatusesByJob', () => {
  it('groups execution outcomes by job, without deleted executions or job events', () => {
    const deleted = { ...failed('e3', 'fw-2', 'lamp-3'), operation: 'deleted' } as JobEvent
    const completed = {
      eventType: 'JOB',
      eventId: 'j1',
      timestamp: 1,
      operation: 'completed',
      jobId: 'fw-2',
      status: 'COMPLETED',
    } as JobEvent
    expect(
      terminalStatusesByJob([
        failed('e1', 'fw-2', 'lamp-1'),
        failed('e2', 'cfg-1', 'lock-1'),
        deleted,
        completed,
        failed('e4', 'fw-2', 'lamp-4'),
      ]),
    ).toEqual(
      new Map([
        ['fw-2', ['FAILED', 'FAILED']],
        ['cfg-1', ['FAILED']],
      ]),
    )
  })
})

describe('createWallStore', () => {
  it('notifies only when the state changed', () => {
    const store = createWallStore()
    let notified = 0
    const stop = store.subscribe(() => (notified += 1))
    store.dispatch({ type: 'jobsShown', jobIds: ['fw-2'] })
    store.dispatch({ type: 'countersRead', jobId: 'other', counts: EMPTY_COUNTS, atMs: 1 })
    expect(notified).toBe(1)
    expect(store.getState().shownJobIds.has('fw-2')).toBe(true)
    stop()
    store.dispatch({ type: 'jobsShown', jobIds: [] })
    expect(notified).toBe(1)
  })
})
