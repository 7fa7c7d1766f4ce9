import type { JobEvent } from '@domain/job-events.ts'
import { NO_REASON } from '@domain/job-monitoring/execution-insights.ts'

/**
 * The wall's recent failures: executions of any job that ended FAILED,
 * REJECTED or TIMED_OUT, as their job events arrived (newest first, one
 * entry per job and device, a bounded list). The reason is what the device
 * reported in statusDetails: text from the network, drawn as text only and
 * cut to a length a wall can show.
 */
export const MAX_RECENT_FAILURES = 20
export const MAX_REASON_LENGTH = 120

export type FailureStatus = 'FAILED' | 'REJECTED' | 'TIMED_OUT'

export interface RecentFailure {
  readonly eventId: string
  readonly jobId: string
  readonly thingName: string
  readonly status: FailureStatus
  readonly reason: string
  /** When this screen heard of it (the browser's clock). */
  readonly receivedAtMs: number
}

/** A timed-out execution has no device reason: AWS ended it. */
export const TIMED_OUT_REASON = 'timed out: no answer from the device in time'

const FAILURE_STATUSES: ReadonlySet<string> = new Set(['FAILED', 'REJECTED', 'TIMED_OUT'])

function reasonOf(status: FailureStatus, details: Readonly<Record<string, string>>): string {
  const reason = details['reason']?.trim()
  if (reason !== undefined && reason !== '') {
    // One line: newlines and tabs from a device would break the list's layout.
    const line = reason.replace(/\s+/g, ' ')
    return line.length > MAX_REASON_LENGTH ? `${line.slice(0, MAX_REASON_LENGTH - 1)}…` : line
  }
  return status === 'TIMED_OUT' ? TIMED_OUT_REASON : NO_REASON
}

export function withFailures(
  failures: readonly RecentFailure[],
  events: readonly JobEvent[],
  receivedAtMs: number,
  max = MAX_RECENT_FAILURES,
): readonly RecentFailure[] {
  const added: RecentFailure[] = []
  for (const event of events) {
    // `deleted` repeats the status of an execution that was already counted.
    if (event.eventType !== 'JOB_EXECUTION' || event.operation === 'deleted') continue
    if (!FAILURE_STATUSES.has(event.status)) continue
    const status = event.status as FailureStatus
    added.push({
      eventId: event.eventId,
      jobId: event.jobId,
      thingName: event.thingName,
      status,
      reason: reasonOf(status, event.statusDetails),
      receivedAtMs,
    })
  }
  if (added.length === 0) return failures
  // Newest first; a device failing again in the same job replaces its older entry.
  const seen = new Set<string>()
  const next: RecentFailure[] = []
  for (const failure of [...added.reverse(), ...failures]) {
    const key = `${failure.jobId}\u0000${failure.thingName}`
    if (seen.has(key)) continue
    seen.add(key)
    next.push(failure)
    if (next.length === max) break
  }
  return next
}
