import type { ExecutionCounts } from '@domain/job-monitoring/execution-counts.ts'
import type { DownloadPercentiles } from '@domain/job-monitoring/execution-insights.ts'
import {
  jobAlerts,
  type AlertThresholds,
  type JobAlert,
} from '@domain/job-monitoring/job-alerts.ts'

/**
 * Open alerts across the shown jobs, worst first, with the job page's rules
 * (domain/job-monitoring/job-alerts.ts). The wall runs on its own screen,
 * so it uses the default thresholds, not what an operator tuned in their
 * own browser.
 */
export interface WallJobState {
  readonly jobId: string
  readonly counts: ExecutionCounts | undefined
  readonly downloads: DownloadPercentiles
}

export interface WallAlert {
  readonly jobId: string
  readonly alert: JobAlert
}

const severity = (alert: JobAlert): number =>
  alert.kind === 'failure-rate'
    ? 1_000 + alert.ratePercent
    : alert.p99Seconds / alert.thresholdSeconds

export function wallAlerts(
  jobs: readonly WallJobState[],
  thresholds: AlertThresholds,
): readonly WallAlert[] {
  return jobs
    .flatMap((job) =>
      job.counts === undefined
        ? []
        : jobAlerts(job.counts, job.downloads, thresholds).map((alert) => ({
            jobId: job.jobId,
            alert,
          })),
    )
    .sort((a, b) => severity(b.alert) - severity(a.alert) || a.jobId.localeCompare(b.jobId))
}

/** One line a room can read. */
export function wallAlertText(alert: JobAlert): string {
  if (alert.kind === 'failure-rate')
    return `Failure rate ${alert.ratePercent.toFixed(0)} % (${String(alert.failed)} of ${String(alert.outcomes)}) is above ${String(alert.thresholdPercent)} %`
  return `p99 download ${alert.p99Seconds.toFixed(0)} s is above ${String(alert.thresholdSeconds)} s`
}
