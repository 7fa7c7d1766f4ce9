/**
 * The wall display's cache keys, from one factory. Its own, not the jobs
 * or fleet features' keys: the wall asks for less (counters, never
 * executions) and on its own schedule (utils/wall-schedule.ts). What it
 * builds from events (counts moved between two reads, timelines, failures)
 * is not fetched and lives in its store (utils/wall-state.ts).
 */
export const wallKeys = {
  all: ['wall'] as const,
  fleetTotals: () => [...wallKeys.all, 'fleet-totals'] as const,
  activeJobs: () => [...wallKeys.all, 'active-jobs'] as const,
  jobs: () => [...wallKeys.all, 'job'] as const,
  job: (jobId: string) => [...wallKeys.jobs(), jobId] as const,
}
