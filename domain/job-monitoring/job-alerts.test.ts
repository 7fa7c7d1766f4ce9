import { describe, expect, it } from 'vitest'
import { EMPTY_COUNTS } from './execution-counts.ts'
import { alertThresholdsSchema, DEFAULT_ALERT_THRESHOLDS, jobAlerts } from './job-alerts.ts'

const noDownloads = { samples: 0, p50: undefined, p95: undefined, p99: undefined }

describe('jobAlerts', () => {
  it('fires on a failure rate above the threshold once enough devices answered', () => {
    const counts = { ...EMPTY_COUNTS, SUCCEEDED: 6, FAILED: 3, REJECTED: 1, CANCELED: 50 }
    expect(jobAlerts(counts, noDownloads, DEFAULT_ALERT_THRESHOLDS)).toEqual([
      { kind: 'failure-rate', ratePercent: 40, failed: 4, outcomes: 10, thresholdPercent: 10 },
    ])
    const early = { ...EMPTY_COUNTS, FAILED: 2, IN_PROGRESS: 100 }
    expect(jobAlerts(early, noDownloads, DEFAULT_ALERT_THRESHOLDS)).toEqual([])
  })

  it('fires on a slow p99 download', () => {
    const downloads = { samples: 100, p50: 1_000, p95: 2_000, p99: 400_000 }
    const alerts = jobAlerts(EMPTY_COUNTS, downloads, DEFAULT_ALERT_THRESHOLDS)
    expect(alerts).toEqual([
      { kind: 'slow-download', p99Seconds: 400, samples: 100, thresholdSeconds: 300 },
    ])
  })

  it('stays quiet at the threshold itself', () => {
    const counts = { ...EMPTY_COUNTS, SUCCEEDED: 9, FAILED: 1 }
    expect(jobAlerts(counts, noDownloads, DEFAULT_ALERT_THRESHOLDS)).toEqual([])
  })
})

describe('alertThresholdsSchema', () => {
  it('refuses rates outside 0–100 and fractional device counts', () => {
    expect(alertThresholdsSchema.safeParse(DEFAULT_ALERT_THRESHOLDS).success).toBe(true)
    expect(
      alertThresholdsSchema.safeParse({ ...DEFAULT_ALERT_THRESHOLDS, maxFailureRatePercent: 101 })
        .success,
    ).toBe(false)
    expect(
      alertThresholdsSchema.safeParse({ ...DEFAULT_ALERT_THRESHOLDS, minOutcomes: 2.5 }).success,
    ).toBe(false)
  })
})
