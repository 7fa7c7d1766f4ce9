import { describe, expect, it } from 'vitest'
import { EMPTY_COUNTS } from '@domain/job-monitoring/execution-counts.ts'
import { DEFAULT_ALERT_THRESHOLDS } from '@domain/job-monitoring/job-alerts.ts'
import { wallAlerts, wallAlertText } from './wall-alerts.ts'

const noDownloads = { samples: 0, p50: undefined, p95: undefined, p99: undefined }

describe('wallAlerts', () => {
  it('raises the job page alerts across jobs, the worst failure rate first', () => {
    const alerts = wallAlerts(
      [
        { jobId: 'ok', counts: { ...EMPTY_COUNTS, SUCCEEDED: 100 }, downloads: noDownloads },
        {
          jobId: 'bad',
          counts: { ...EMPTY_COUNTS, SUCCEEDED: 6, FAILED: 4 },
          downloads: noDownloads,
        },
        {
          jobId: 'worse',
          counts: { ...EMPTY_COUNTS, SUCCEEDED: 2, REJECTED: 6 },
          downloads: { samples: 10, p50: 1_000, p95: 2_000, p99: 600_000 },
        },
        { jobId: 'loading', counts: undefined, downloads: noDownloads },
      ],
      DEFAULT_ALERT_THRESHOLDS,
    )
    expect(alerts.map(({ jobId, alert }) => [jobId, alert.kind])).toEqual([
      ['worse', 'failure-rate'],
      ['bad', 'failure-rate'],
      ['worse', 'slow-download'],
    ])
    expect(alerts.map(({ alert }) => wallAlertText(alert))).toEqual([
      'Failure rate 75 % (6 of 8) is above 10 %',
      'Failure rate 40 % (4 of 10) is above 10 %',
      'p99 download 600 s is above 300 s',
    ])
  })

  it('stays quiet below the minimum number of outcomes', () => {
    expect(
      wallAlerts(
        [{ jobId: 'new', counts: { ...EMPTY_COUNTS, FAILED: 2 }, downloads: noDownloads }],
        DEFAULT_ALERT_THRESHOLDS,
      ),
    ).toEqual([])
  })
})
