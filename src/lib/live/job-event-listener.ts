import { validateJobId } from '@domain/identifiers.ts'
import {
  ALL_JOB_EVENT_FILTERS,
  jobEventFilters,
  parseJobEventMessage,
  type JobEvent,
} from '@domain/job-events.ts'
import type { ValidationIssue } from '@domain/validation.ts'
import { createBatcher } from './event-batcher.ts'
import type { LiveConnectionManager, LiveMessage } from './live-connection-manager.ts'
import type { Timers } from './timers.ts'

export interface JobEventListenerOptions {
  /** A message on the job's topics that is not a valid event (logged, then dropped). */
  readonly onInvalid?: (topic: string, issues: readonly ValidationIssue[]) => void
  readonly now?: () => number
  readonly timers?: Timers
}

/**
 * Listens to one job's JOB and JOB_EXECUTION events through the manager,
 * parses them (domain/job-events.ts) and hands them to `onEvents` in batches
 * (event-batcher.ts). Returns the function that stops listening and drops
 * what has not been handed over yet. A job id AWS would refuse (a mistyped
 * address) has no events: nothing is subscribed.
 */
export function listenToJobEvents(
  manager: Pick<LiveConnectionManager, 'subscribe'>,
  jobId: string,
  onEvents: (events: readonly JobEvent[]) => void,
  options: JobEventListenerOptions = {},
): () => void {
  if (!validateJobId(jobId).ok) return () => undefined
  return listenToFilters(manager, jobEventFilters(jobId), onEvents, options)
}

/**
 * Every job's events, as listenToJobEvents hands one job's over: for views
 * of the whole account (the wall display). Two subscriptions whatever the
 * number of jobs (ALL_JOB_EVENT_FILTERS), so they do not change as jobs
 * start and end, and no event arrives twice through overlapping filters.
 */
export function listenToAllJobEvents(
  manager: Pick<LiveConnectionManager, 'subscribe'>,
  onEvents: (events: readonly JobEvent[]) => void,
  options: JobEventListenerOptions = {},
): () => void {
  return listenToFilters(manager, ALL_JOB_EVENT_FILTERS, onEvents, options)
}

function listenToFilters(
  manager: Pick<LiveConnectionManager, 'subscribe'>,
  filters: readonly string[],
  onEvents: (events: readonly JobEvent[]) => void,
  { onInvalid, now, timers }: JobEventListenerOptions,
): () => void {
  const batcher = createBatcher<JobEvent>(onEvents, {
    ...(now === undefined ? {} : { now }),
    ...(timers === undefined ? {} : { timers }),
  })
  const listener = ({ topic, payload }: LiveMessage) => {
    const parsed = parseJobEventMessage(topic, payload)
    if (parsed.ok) batcher.add(parsed.value)
    else onInvalid?.(topic, parsed.issues)
  }
  const stops = filters.map((filter) => manager.subscribe(filter, listener))
  return () => {
    for (const stop of stops) stop()
    batcher.dispose()
  }
}
