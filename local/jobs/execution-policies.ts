import { parseJobTargetArn } from '../../domain/arn.ts'
import { transitionJobExecution } from '../../domain/job-execution-status.ts'
import type { JobExecutionRecord, JobRecord } from '../state/records.ts'
import type { StatusCounts } from './job-index.ts'

/**
 * The decisions the engine takes when an execution ends, as pure functions:
 * whether it is retried (jobExecutionsRetryConfig) and whether the job is
 * aborted (abortConfig). Source: developer guide, "Job configurations".
 */
export function retryCause(
  job: JobRecord,
  execution: JobExecutionRecord,
): 'FAILED' | 'TIMED_OUT' | undefined {
  if (job.status !== 'IN_PROGRESS' && job.status !== 'SCHEDULED') return undefined
  if (execution.status !== 'FAILED' && execution.status !== 'TIMED_OUT') return undefined
  // The shared lifecycle decides what may be retried at all (never REJECTED).
  if (!transitionJobExecution(execution.status, { to: 'QUEUED', actor: 'service' }).ok)
    return undefined
  const rule = job.jobExecutionsRetryConfig?.criteriaList.find(
    (item) => item.failureType === execution.status || item.failureType === 'ALL',
  )
  if (rule === undefined) return undefined
  const used =
    rule.failureType === 'ALL'
      ? execution.retryAttempt
      : execution.status === 'FAILED'
        ? execution.retriesAfterFailure
        : execution.retriesAfterTimeout
  return used < rule.numberOfRetries ? execution.status : undefined
}

export interface AbortDecision {
  readonly failureType: string
  readonly percentage: number
  readonly completed: number
  readonly thresholdPercentage: number
}

/** The first abort criterion the job's counts meet, if any. */
export function abortDecision(job: JobRecord, counts: StatusCounts): AbortDecision | undefined {
  if (job.abortConfig === undefined || (job.status !== 'IN_PROGRESS' && job.status !== 'SCHEDULED'))
    return undefined
  // "Completed" executions, as the developer guide counts them for abort criteria.
  const completed = counts.SUCCEEDED + counts.FAILED + counts.REJECTED + counts.TIMED_OUT
  for (const criterion of job.abortConfig.criteriaList) {
    if (completed === 0 || completed < criterion.minNumberOfExecutedThings) continue
    const failures =
      criterion.failureType === 'ALL'
        ? counts.FAILED + counts.REJECTED + counts.TIMED_OUT
        : counts[criterion.failureType]
    const percentage = (failures / completed) * 100
    if (percentage >= criterion.thresholdPercentage) {
      return {
        failureType: criterion.failureType,
        percentage,
        completed,
        thresholdPercentage: criterion.thresholdPercentage,
      }
    }
  }
  return undefined
}

/** Whether a job's targets reach the thing, given the groups whose tree holds it. */
export function targetsReach(
  job: Pick<JobRecord, 'targets'>,
  thingName: string,
  groupTree: ReadonlySet<string>,
): boolean {
  return job.targets.some((arn) => {
    const target = parseJobTargetArn(arn)
    return target?.kind === 'thing'
      ? target.name === thingName
      : target !== undefined && groupTree.has(target.name)
  })
}
