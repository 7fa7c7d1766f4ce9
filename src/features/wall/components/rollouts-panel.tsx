import { EMPTY_COUNTS } from '@domain/job-monitoring/execution-counts.ts'
import type { ExecutionTimeline } from '@domain/job-monitoring/execution-timeline.ts'
import { rolloutPace } from '@domain/job-monitoring/rollout-pace.ts'
import { ExecutionStateChart } from '@/components/execution-state-chart.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { formatDuration } from '@/lib/format-duration.ts'
import { rolloutProgress } from '../utils/active-jobs.ts'
import type { Freshness } from '../utils/freshness.ts'
import { ExecutionBar } from './execution-bar.tsx'
import { FreshnessText } from './freshness-text.tsx'
import { useElementHeight } from './use-element-height.ts'
import type { WallRollout } from './use-wall-data.ts'
import styles from './wall.module.css'
import { formatCount } from './wall-format.ts'

export interface RolloutsPanelProps {
  readonly rollouts: readonly WallRollout[]
  readonly featuredJobId: string | undefined
  readonly timeline: ExecutionTimeline
  readonly moreJobs: number
  readonly jobsTruncated: boolean
  readonly isLoading: boolean
  readonly error: unknown
  readonly freshness: Freshness
  readonly nowMs: number
}

/** The chart's axes, their titles and legend around the plot; the plot gets the rest of its room. */
const CHART_CHROME_PX = 125
const MIN_PLOT_PX = 100

function paceText(timeline: ExecutionTimeline, nowMs: number): string {
  const pace = rolloutPace(timeline, nowMs)
  if (pace.perMinute === undefined) return 'Measuring the pace…'
  const perMinute = `${formatCount(Math.round(pace.perMinute))} devices a minute`
  if (pace.remaining === 0) return `${perMinute} · every device has finished`
  return pace.etaMs === undefined
    ? `${perMinute} · ${formatCount(pace.remaining)} to go`
    : `${perMinute} · ${formatCount(pace.remaining)} to go, about ${formatDuration(pace.etaMs)}`
}

function Count({ label, value }: { readonly label: string; readonly value: number }) {
  return (
    <div className={styles.stat}>
      <span className={styles.label}>{label}</span>
      <span className={styles.number}>{formatCount(value)}</span>
    </div>
  )
}

/**
 * The rollouts in progress: the featured one large (progress, counts,
 * pace, its chart of execution states over time) and every shown one as a
 * row with its bar. The featured job turns every `?rotate=` seconds
 * (use-featured-job.ts). Test ids carry the counters drawn.
 */
export function RolloutsPanel({
  rollouts,
  featuredJobId,
  timeline,
  moreJobs,
  jobsTruncated,
  isLoading,
  error,
  freshness,
  nowMs,
}: RolloutsPanelProps) {
  const featured = rollouts.find((rollout) => rollout.jobId === featuredJobId)
  const counts = featured?.counts ?? EMPTY_COUNTS
  const progress = rolloutProgress(counts)
  const position = featured === undefined ? -1 : rollouts.indexOf(featured)
  const more = moreJobs > 0 || jobsTruncated
  const [chartRoom, chartRoomHeight] = useElementHeight()
  const plotHeight = Math.max(MIN_PLOT_PX, chartRoomHeight - CHART_CHROME_PX)
  return (
    <section
      className={styles.panel}
      aria-labelledby="wall-rollouts-title"
      data-testid="wall-rollouts"
      data-count={rollouts.length}
    >
      <div className={styles.panelHeader}>
        <h2 id="wall-rollouts-title" className={styles.panelTitle}>
          {rollouts.length > 1
            ? `Active rollouts · ${String(position + 1)} of ${String(rollouts.length)}${more ? '+' : ''}`
            : 'Active rollout'}
        </h2>
        <FreshnessText freshness={freshness} />
      </div>
      {error === null || error === undefined ? null : (
        <span className={styles.error} role="alert">
          {awsErrorMessage(error, 'refresh the rollouts')}
        </span>
      )}
      {featured === undefined ? (
        <span className={styles.empty}>
          {isLoading ? 'Looking for rollouts…' : 'No rollout in progress'}
        </span>
      ) : (
        <div
          className={styles.featured}
          data-testid="wall-featured-job"
          data-job-id={featured.jobId}
          data-total={progress.total}
          data-succeeded={progress.succeeded}
          data-failed={progress.failed}
          data-in-progress={progress.inProgress}
          data-queued={progress.queued}
          data-percent={progress.percent}
        >
          <div className={`${styles.jobId} ${styles.ellipsis}`}>{featured.jobId}</div>
          {featured.job?.description === undefined ? null : (
            <div className={`${styles.description} ${styles.ellipsis}`}>
              {featured.job.description}
            </div>
          )}
          <div className={styles.progressLine}>
            <span className={styles.number}>{progress.percent} %</span>
            <ExecutionBar counts={counts} label={featured.jobId} thick />
          </div>
          <div className={styles.counts}>
            <Count label="Succeeded" value={progress.succeeded} />
            <Count label="Failed" value={progress.failed} />
            <Count label="In progress" value={progress.inProgress} />
            <Count label="Queued" value={progress.queued} />
          </div>
          <div className={styles.pace}>
            {featured.counts === undefined
              ? featured.error === null || featured.error === undefined
                ? 'Reading the job’s counters…'
                : awsErrorMessage(featured.error, 'read the job')
              : paceText(timeline, nowMs)}
          </div>
          <div className={styles.chart} ref={chartRoom}>
            <ExecutionStateChart timeline={timeline} nowMs={nowMs} height={plotHeight} />
          </div>
        </div>
      )}
      {rollouts.length > 1 ? (
        <ul className={styles.rolloutList} aria-label="Active rollouts">
          {rollouts.map(({ jobId, counts: jobCounts }) => {
            const rowCounts = jobCounts ?? EMPTY_COUNTS
            const rowProgress = rolloutProgress(rowCounts)
            return (
              <li
                key={jobId}
                className={styles.rolloutRow}
                data-testid="wall-rollout"
                data-job-id={jobId}
                data-featured={jobId === featuredJobId}
                data-total={rowProgress.total}
                data-succeeded={rowProgress.succeeded}
                data-failed={rowProgress.failed}
                data-percent={rowProgress.percent}
              >
                <span className={styles.ellipsis}>{jobId}</span>
                <ExecutionBar counts={rowCounts} label={jobId} />
                <span className={styles.percent}>{rowProgress.percent} %</span>
              </li>
            )
          })}
        </ul>
      ) : null}
      {more ? (
        <span className={styles.muted}>
          {jobsTruncated ? 'More' : formatCount(moreJobs)} rollouts in progress are not shown
        </span>
      ) : null}
    </section>
  )
}
