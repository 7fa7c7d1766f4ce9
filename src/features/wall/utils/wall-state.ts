import type { JobEvent } from '@domain/job-events.ts'
import type { JobExecutionStatus } from '@domain/job-execution-status.ts'
import {
  applyTerminalStatuses,
  type ExecutionCounts,
} from '@domain/job-monitoring/execution-counts.ts'
import {
  EMPTY_INSIGHTS,
  observeExecutions,
  type ExecutionInsights,
  type ExecutionObservation,
} from '@domain/job-monitoring/execution-insights.ts'
import {
  appendToTimeline,
  type ExecutionTimeline,
} from '@domain/job-monitoring/execution-timeline.ts'
import { withFailures, type RecentFailure } from './recent-failures.ts'

/**
 * What the wall builds up while it runs: each shown job's current counts
 * (the last DescribeJob's, moved by the job events that arrived since), its
 * counts over time (for its chart and pace), what its finished devices
 * reported (download times for the alerts), and the recent failures of any
 * job. One pure transition; the page dispatches counters as DescribeJob
 * answers and events as they arrive.
 *
 * The event-moved counts live here rather than in the query's data: writing
 * them there would restart the query's refetch timer at every event, so a
 * busy rollout would never be read again and its estimate (events only say
 * when executions end, not when they start) would drift. Here DescribeJob
 * keeps its fixed schedule and each answer replaces the estimate.
 *
 * Bounded: timelines thin themselves, failures are capped, and a job's
 * state is dropped when it is no longer shown.
 */
export interface LiveCounts {
  readonly counts: ExecutionCounts
  /** When they last changed on this screen: a DescribeJob answer or an event. */
  readonly updatedAtMs: number
}

export interface WallState {
  readonly shownJobIds: ReadonlySet<string>
  readonly counts: ReadonlyMap<string, LiveCounts>
  readonly timelines: ReadonlyMap<string, ExecutionTimeline>
  readonly insights: ReadonlyMap<string, ExecutionInsights>
  readonly failures: readonly RecentFailure[]
}

export type WallAction =
  | { readonly type: 'jobsShown'; readonly jobIds: readonly string[] }
  | {
      readonly type: 'countersRead'
      readonly jobId: string
      readonly counts: ExecutionCounts
      readonly atMs: number
    }
  | { readonly type: 'eventsReceived'; readonly events: readonly JobEvent[]; readonly atMs: number }

export const INITIAL_WALL_STATE: WallState = {
  shownJobIds: new Set(),
  counts: new Map(),
  timelines: new Map(),
  insights: new Map(),
  failures: [],
}

function kept<T>(map: ReadonlyMap<string, T>, jobIds: ReadonlySet<string>): Map<string, T> {
  return new Map([...map].filter(([jobId]) => jobIds.has(jobId)))
}

function observationsByJob(events: readonly JobEvent[]): Map<string, ExecutionObservation[]> {
  const byJob = new Map<string, ExecutionObservation[]>()
  for (const event of events) {
    // A `deleted` event repeats the status the execution already had.
    if (event.eventType !== 'JOB_EXECUTION' || event.operation === 'deleted') continue
    const observations = byJob.get(event.jobId) ?? []
    observations.push({
      thingName: event.thingName,
      status: event.status,
      statusDetails: event.statusDetails,
    })
    byJob.set(event.jobId, observations)
  }
  return byJob
}

export function wallTransition(state: WallState, action: WallAction): WallState {
  switch (action.type) {
    case 'jobsShown': {
      const shownJobIds = new Set(action.jobIds)
      return {
        ...state,
        shownJobIds,
        counts: kept(state.counts, shownJobIds),
        timelines: kept(state.timelines, shownJobIds),
        insights: kept(state.insights, shownJobIds),
      }
    }
    case 'countersRead': {
      if (!state.shownJobIds.has(action.jobId)) return state
      return withCounts(state, new Map([[action.jobId, action.counts]]), action.atMs)
    }
    case 'eventsReceived': {
      const failures = withFailures(state.failures, action.events, action.atMs)
      let insights: Map<string, ExecutionInsights> | undefined
      for (const [jobId, observations] of observationsByJob(action.events)) {
        if (!state.shownJobIds.has(jobId)) continue
        insights ??= new Map(state.insights)
        insights.set(jobId, observeExecutions(insights.get(jobId) ?? EMPTY_INSIGHTS, observations))
      }
      // Counts move only for jobs already read: an estimate needs a base.
      const moved = new Map<string, ExecutionCounts>()
      for (const [jobId, statuses] of terminalStatusesByJob(action.events)) {
        const current = state.counts.get(jobId)
        if (current !== undefined) moved.set(jobId, applyTerminalStatuses(current.counts, statuses))
      }
      const next =
        failures === state.failures && insights === undefined
          ? state
          : { ...state, failures, insights: insights ?? state.insights }
      return moved.size === 0 ? next : withCounts(next, moved, action.atMs)
    }
  }
}

function withCounts(
  state: WallState,
  changed: ReadonlyMap<string, ExecutionCounts>,
  atMs: number,
): WallState {
  const counts = new Map(state.counts)
  const timelines = new Map(state.timelines)
  for (const [jobId, jobCounts] of changed) {
    counts.set(jobId, { counts: jobCounts, updatedAtMs: atMs })
    timelines.set(jobId, appendToTimeline(state.timelines.get(jobId) ?? [], atMs, jobCounts))
  }
  return { ...state, counts, timelines }
}

/**
 * The terminal statuses each job's execution events report, to move its
 * counters until the next DescribeJob (applyTerminalStatuses). A `deleted`
 * event repeats a status already counted.
 */
export function terminalStatusesByJob(
  events: readonly JobEvent[],
): ReadonlyMap<string, readonly JobExecutionStatus[]> {
  const byJob = new Map<string, JobExecutionStatus[]>()
  for (const event of events) {
    if (event.eventType !== 'JOB_EXECUTION' || event.operation === 'deleted') continue
    const statuses = byJob.get(event.jobId) ?? []
    statuses.push(event.status)
    byJob.set(event.jobId, statuses)
  }
  return byJob
}

export interface WallStore {
  readonly getState: () => WallState
  readonly dispatch: (action: WallAction) => void
  /** For useSyncExternalStore. */
  readonly subscribe: (listener: () => void) => () => void
}

/**
 * The state outside React, so counters fetched by a query and events
 * arriving from the socket update it where they happen, and the page reads
 * it with useSyncExternalStore.
 */
export function createWallStore(initial: WallState = INITIAL_WALL_STATE): WallStore {
  let state = initial
  const listeners = new Set<() => void>()
  return {
    getState: () => state,
    dispatch: (action) => {
      const next = wallTransition(state, action)
      if (next === state) return
      state = next
      for (const listener of [...listeners]) listener()
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
