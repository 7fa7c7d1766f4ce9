/**
 * How often the wall asks AWS for what, whatever the fleet's size: the
 * fleet's totals once a minute (2 GetStatistics + 1 + one
 * GetBucketsAggregation per model shown), the active jobs twice a minute
 * (ListJobs, one page), and each shown job's counters (DescribeJob) twice
 * a minute while job events are pushed, every 10 s while they are not.
 * Events move the counters in between and never cause a call, except a
 * job's own completion or cancellation (ListJobs again, at most every few
 * seconds), so a rollout of 10,000 devices costs the same calls a minute as
 * one of 200. bench/wall-calls.ts counts them.
 */
export const WALL_SCHEDULE = {
  fleetTotalsMs: 60_000,
  activeJobsMs: 30_000,
  jobCountersLiveMs: 30_000,
  jobCountersPollingMs: 10_000,
  /** After a job completes or is canceled, the active jobs are re-read at most this often. */
  jobChangeReloadMs: 5_000,
} as const

/**
 * Active jobs asked for (one ListJobs page) and shown, newest first: their
 * DescribeJob calls are what the wall's budget grows with, so it is capped.
 */
export const MAX_SHOWN_JOBS = 6

/** The counters' refresh interval for the live state. */
export const jobCountersIntervalMs = (isLive: boolean): number =>
  isLive ? WALL_SCHEDULE.jobCountersLiveMs : WALL_SCHEDULE.jobCountersPollingMs
