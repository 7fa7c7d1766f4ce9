import { useMemo, useState } from 'react'
import { useSearchParams } from 'react-router'
import { downloadPercentiles, EMPTY_INSIGHTS } from '@domain/job-monitoring/execution-insights.ts'
import { DEFAULT_ALERT_THRESHOLDS } from '@domain/job-monitoring/job-alerts.ts'
import { useNow } from '@/lib/use-now.ts'
import { combinedFreshness } from '../utils/freshness.ts'
import { rotationSetting } from '../utils/rotation.ts'
import { wallAlerts } from '../utils/wall-alerts.ts'
import { jobCountersIntervalMs, WALL_SCHEDULE } from '../utils/wall-schedule.ts'
import { AlertsPanel } from './alerts-panel.tsx'
import { FailuresPanel } from './failures-panel.tsx'
import { FleetPanel } from './fleet-panel.tsx'
import { RolloutsPanel } from './rollouts-panel.tsx'
import { useFeaturedJob } from './use-featured-job.ts'
import { useWallData } from './use-wall-data.ts'
import { WallHeader } from './wall-header.tsx'
import styles from './wall.module.css'

const NO_DOWNLOADS = downloadPercentiles(EMPTY_INSIGHTS)

export interface WallPageProps {
  readonly username: string
}

/**
 * `/wall`: the fleet-status screen for an operations room, with nobody
 * touching it. Full screen and dark (the route forces the mode), large
 * type; fleet totals, the active rollouts (rotating every `?rotate=`
 * seconds), open alerts and recent failures, each saying how fresh it is.
 * Read-only: a viewer account is all it needs.
 */
export function WallPage({ username }: WallPageProps) {
  const [searchParams] = useSearchParams()
  const rotation = rotationSetting(searchParams.get('rotate'))
  const data = useWallData()
  const nowMs = useNow(1_000, true)
  const [sinceMs] = useState(() => Date.now())
  const jobIds = data.rollouts.map((rollout) => rollout.jobId)
  const featuredJobId = useFeaturedJob(jobIds, rotation.intervalMs)
  const isLive = data.liveStatus === 'live'

  const rolloutsFreshness = combinedFreshness(
    [
      {
        updatedAtMs: data.activeJobs.dataUpdatedAt,
        expectedIntervalMs: WALL_SCHEDULE.activeJobsMs,
      },
      ...data.rollouts.map((rollout) => ({
        updatedAtMs: rollout.updatedAtMs,
        expectedIntervalMs: jobCountersIntervalMs(isLive),
      })),
    ],
    nowMs,
  )
  const { state } = data
  // Sorting every download time once a second would be waste: only when events added some.
  const downloads = useMemo(
    () =>
      new Map(
        [...state.insights].map(([jobId, insights]) => [jobId, downloadPercentiles(insights)]),
      ),
    [state.insights],
  )
  const alerts = wallAlerts(
    data.rollouts.map(({ jobId, counts }) => ({
      jobId,
      counts,
      downloads: downloads.get(jobId) ?? NO_DOWNLOADS,
    })),
    DEFAULT_ALERT_THRESHOLDS,
  )
  const jobError = data.rollouts
    .map((rollout) => rollout.error)
    .find((error) => error !== null && error !== undefined)

  return (
    <main className={styles.wall} aria-label="Wall display" data-testid="wall">
      <WallHeader
        nowMs={nowMs}
        username={username}
        liveStatus={data.liveStatus}
        notice={rotation.problem}
      />
      <div className={styles.columns}>
        <FleetPanel fleet={data.fleet} nowMs={nowMs} />
        <RolloutsPanel
          rollouts={data.rollouts}
          featuredJobId={featuredJobId}
          timeline={featuredJobId === undefined ? [] : (state.timelines.get(featuredJobId) ?? [])}
          moreJobs={data.moreJobs}
          jobsTruncated={data.jobsTruncated}
          isLoading={data.activeJobs.isPending}
          error={data.activeJobs.error ?? jobError}
          freshness={rolloutsFreshness}
          nowMs={nowMs}
        />
        <div className={styles.stack}>
          <AlertsPanel alerts={alerts} freshness={rolloutsFreshness} />
          <FailuresPanel failures={state.failures} liveStatus={data.liveStatus} sinceMs={sinceMs} />
        </div>
      </div>
    </main>
  )
}
