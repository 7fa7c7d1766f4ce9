/**
 * Query keys of the jobs feature, from one factory. Everything starts with
 * `jobs`, so creating or cancelling a job invalidates the list, the details
 * and the templates in one go (`jobsKeys.all`).
 */
export interface JobsListFilters {
  readonly status?: string | undefined
  readonly thingGroupName?: string | undefined
  readonly nextToken?: string | null | undefined
  readonly [filter: string]: string | null | undefined
}

export const jobsKeys = {
  all: ['jobs'] as const,
  lists: () => [...jobsKeys.all, 'list'] as const,
  list: (filters: JobsListFilters) => [...jobsKeys.lists(), filters] as const,
  details: () => [...jobsKeys.all, 'detail'] as const,
  detail: (jobId: string) => [...jobsKeys.details(), jobId] as const,
  /** A job's tags (ListTagsForResource on its ARN). */
  tags: (jobId: string) => [...jobsKeys.detail(jobId), 'tags'] as const,
  /** Executions of a job, optionally of one status, loaded page by page. */
  executions: (jobId: string, status: string | undefined) =>
    [...jobsKeys.detail(jobId), 'executions', status ?? 'ALL'] as const,
  /** One execution's description (its statusDetails). */
  execution: (jobId: string, thingName: string) =>
    [...jobsKeys.detail(jobId), 'execution', thingName] as const,
  /** The counts over time as this page saw them: built from counters and events, never fetched. */
  timeline: (jobId: string) => [...jobsKeys.all, 'timeline', jobId] as const,
  /** Download times and failure reasons from events and a bounded sample. */
  insights: (jobId: string) => [...jobsKeys.all, 'insights', jobId] as const,
  templates: () => [...jobsKeys.all, 'templates'] as const,
  template: (jobTemplateId: string) => [...jobsKeys.templates(), jobTemplateId] as const,
  firmwareCatalog: () => [...jobsKeys.all, 'firmware-catalog'] as const,
  preflights: () => [...jobsKeys.all, 'preflight'] as const,
}
