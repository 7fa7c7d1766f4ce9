import { identifierProblem, THING_GROUP_NAME_RULE } from '@domain/identifiers.ts'
import { TARGET_SELECTIONS } from '@domain/job-config/create-job-options.ts'
import { JOB_STATUSES, type JobStatus } from '@domain/job-status.ts'

/**
 * The jobs list's filters in its URL (`/jobs?status=IN_PROGRESS&group=site-oslo`),
 * each one a ListJobs parameter, so every view of the list is a link. A value
 * ListJobs would refuse is reported with the reason, and nothing is asked of
 * AWS for it.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_ListJobs.html
 */
export type TargetSelection = (typeof TARGET_SELECTIONS)[number]

export interface JobsListFilters {
  readonly status: JobStatus | undefined
  readonly targetSelection: TargetSelection | undefined
  readonly thingGroupName: string | undefined
  /** Why the URL's filters cannot be used, if they cannot. */
  readonly problem: string | undefined
}

const isTargetSelection = (value: string): value is TargetSelection =>
  (TARGET_SELECTIONS as readonly string[]).includes(value)
const isJobStatus = (value: string): value is JobStatus =>
  (JOB_STATUSES as readonly string[]).includes(value)

export function jobsListFiltersFrom(params: URLSearchParams): JobsListFilters {
  const status = params.get('status') ?? ''
  const selection = params.get('selection') ?? ''
  const group = params.get('group')?.trim() ?? ''
  const problems = [
    status === '' || isJobStatus(status)
      ? undefined
      : `“${status}” is not a job status (${JOB_STATUSES.join(', ')}).`,
    selection === '' || isTargetSelection(selection)
      ? undefined
      : `“${selection}” is not a target selection (SNAPSHOT or CONTINUOUS).`,
    group === '' ? undefined : identifierProblem(THING_GROUP_NAME_RULE, group),
  ].filter((problem): problem is string => problem !== undefined)
  return {
    status: status !== '' && isJobStatus(status) ? status : undefined,
    targetSelection: selection !== '' && isTargetSelection(selection) ? selection : undefined,
    thingGroupName: group === '' ? undefined : group,
    problem: problems.length === 0 ? undefined : problems.join(' '),
  }
}

/** The query parameters for `paths.jobs.list`; empty filters are left out. */
export function jobsListFilterParams(
  filters: Pick<JobsListFilters, 'status' | 'targetSelection' | 'thingGroupName'>,
): Record<string, string> {
  const params: Record<string, string> = {}
  if (filters.status !== undefined) params.status = filters.status
  if (filters.targetSelection !== undefined) params.selection = filters.targetSelection
  if (filters.thingGroupName !== undefined && filters.thingGroupName !== '')
    params.group = filters.thingGroupName
  return params
}
