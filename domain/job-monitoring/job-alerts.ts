import { z } from 'zod'
import { failedOf, type ExecutionCounts } from './execution-counts.ts'
import type { DownloadPercentiles } from './execution-insights.ts'

/**
 * Thresholds that raise a visible alert on a job. AWS's own abort
 * configuration stops a job; these only warn, so they may be stricter and
 * fire earlier. Defaults are conservative for firmware: one device in ten
 * failing is already an incident, and a p99 download of five minutes means
 * devices are starving on the network or the URL.
 */
export interface AlertThresholds {
  /** Failed, rejected and timed-out over finished-by-the-device executions, in percent. */
  readonly maxFailureRatePercent: number
  /** Below this many device outcomes the rate is noise. */
  readonly minOutcomes: number
  readonly maxP99DownloadSeconds: number
}

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  maxFailureRatePercent: 10,
  minOutcomes: 5,
  maxP99DownloadSeconds: 300,
}

export const alertThresholdsSchema = z.strictObject({
  maxFailureRatePercent: z
    .number({ error: 'Enter a failure rate in percent.' })
    .min(0, 'The failure rate must be between 0 and 100 %.')
    .max(100, 'The failure rate must be between 0 and 100 %.'),
  minOutcomes: z
    .number({ error: 'Enter a number of devices.' })
    .int('Enter a whole number of devices.')
    .min(1, 'At least one device outcome is needed.')
    .max(1_000_000, 'At most 1,000,000 devices.'),
  maxP99DownloadSeconds: z
    .number({ error: 'Enter a time in seconds.' })
    .positive('The download time must be more than 0 seconds.')
    .max(86_400, 'At most 86,400 seconds (a day).'),
})

export type JobAlert =
  | {
      readonly kind: 'failure-rate'
      readonly ratePercent: number
      readonly failed: number
      readonly outcomes: number
      readonly thresholdPercent: number
    }
  | {
      readonly kind: 'slow-download'
      readonly p99Seconds: number
      readonly samples: number
      readonly thresholdSeconds: number
    }

export function jobAlerts(
  counts: ExecutionCounts,
  downloads: DownloadPercentiles,
  thresholds: AlertThresholds,
): JobAlert[] {
  const alerts: JobAlert[] = []
  const failed = failedOf(counts)
  // Canceled and removed executions are the operator's doing, not the devices'.
  const outcomes = failed + counts.SUCCEEDED
  const ratePercent = outcomes === 0 ? 0 : (failed / outcomes) * 100
  if (outcomes >= thresholds.minOutcomes && ratePercent > thresholds.maxFailureRatePercent) {
    alerts.push({
      kind: 'failure-rate',
      ratePercent,
      failed,
      outcomes,
      thresholdPercent: thresholds.maxFailureRatePercent,
    })
  }
  if (downloads.p99 !== undefined && downloads.p99 / 1000 > thresholds.maxP99DownloadSeconds) {
    alerts.push({
      kind: 'slow-download',
      p99Seconds: downloads.p99 / 1000,
      samples: downloads.samples,
      thresholdSeconds: thresholds.maxP99DownloadSeconds,
    })
  }
  return alerts
}
