/**
 * AWS's abort configuration of a job in an operator's words: the rule AWS
 * itself applies to stop the job, shown beside Fleetdeck's alerts.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_AbortCriteria.html
 */
export interface AbortCriterion {
  readonly failureType?: string | undefined
  readonly action?: string | undefined
  readonly thresholdPercentage?: number | undefined
  readonly minNumberOfExecutedThings?: number | undefined
}

const FAILURE_TYPES: Readonly<Record<string, string>> = {
  FAILED: 'failed',
  REJECTED: 'rejected',
  TIMED_OUT: 'timed out',
  ALL: 'failed, rejected or timed out',
}

export function abortCriterionText(criterion: AbortCriterion): string {
  const what = FAILURE_TYPES[criterion.failureType ?? ''] ?? criterion.failureType ?? 'failed'
  const action =
    criterion.action === 'CANCEL' || criterion.action === undefined ? 'cancels' : criterion.action
  const percent = criterion.thresholdPercentage ?? 0
  const minimum = criterion.minNumberOfExecutedThings ?? 0
  return `AWS ${action} the job when more than ${String(percent)} % of executions ${what}, once at least ${String(minimum)} devices have run it.`
}

export function abortConfigText(criteria: readonly AbortCriterion[] | undefined): string[] {
  if (criteria === undefined || criteria.length === 0)
    return ['No abort configuration: AWS will not stop this job by itself, whatever fails.']
  return criteria.map(abortCriterionText)
}
