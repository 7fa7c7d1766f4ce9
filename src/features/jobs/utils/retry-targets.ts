import type { ExecutionRow } from '../api/list-job-executions-for-job.ts'

/**
 * The things a retry targets: those whose latest execution of the job ended
 * FAILED or TIMED_OUT. ListJobExecutionsForJob lists every attempt, so with
 * a retry configuration (or a continuous job a device rejoined) a thing may
 * have a FAILED attempt and a later one that is queued, running or has
 * succeeded: the later attempt (a higher executionNumber) wins, and such a
 * thing is not retried again.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_ListJobExecutionsForJob.html
 */
export const RETRYABLE_STATUSES = ['FAILED', 'TIMED_OUT'] as const

const numberOf = (row: ExecutionRow) => row.executionNumber ?? 0

export function latestFailedExecutions(
  failed: readonly ExecutionRow[],
  later: readonly ExecutionRow[] = [],
): ExecutionRow[] {
  const latest = new Map<string, ExecutionRow>()
  for (const row of failed) {
    const seen = latest.get(row.thingName)
    if (seen === undefined || numberOf(row) > numberOf(seen)) latest.set(row.thingName, row)
  }
  for (const row of later) {
    const seen = latest.get(row.thingName)
    if (seen !== undefined && numberOf(row) > numberOf(seen)) latest.delete(row.thingName)
  }
  return [...latest.values()].sort((a, b) => a.thingName.localeCompare(b.thingName))
}
