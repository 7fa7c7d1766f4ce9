import { useQueries, useQueryClient, type UseQueryResult } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { JobEvent } from '@domain/job-events.ts'
import type { ExecutionCounts } from '@domain/job-monitoring/execution-counts.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { useAllJobEvents, useLiveStatus } from '@/lib/live/live-events-provider.tsx'
import type { LiveStatus } from '@/lib/live/live-status.ts'
import { wallJobOptions, type WallJob } from '../api/describe-job.ts'
import { useFleetTotals } from '../api/get-fleet-totals.ts'
import { useActiveJobs, type ActiveJobs } from '../api/list-jobs.ts'
import { wallKeys } from '../api/wall-keys.ts'
import { shownActiveJobs } from '../utils/active-jobs.ts'
import type { FleetTotals } from '../utils/fleet-totals.ts'
import { jobCountersIntervalMs, WALL_SCHEDULE } from '../utils/wall-schedule.ts'
import { createWallStore, type WallState, type WallStore } from '../utils/wall-state.ts'

/**
 * Everything the wall draws, kept current on the wall's fixed schedule
 * (utils/wall-schedule.ts): the fleet's totals, the jobs in progress and
 * each shown job's counters, moved between two DescribeJob calls by the
 * job events pushed over MQTT (utils/wall-state.ts). Events never cause a call, except a job
 * completing or being canceled (the active jobs are read again, throttled):
 * the calls a minute do not grow with the number of devices. Events missed
 * while the socket was down are not replayed: everything is read again
 * once it is back.
 */
/** One shown job: its description, and its counts as DescribeJob and events have them. */
export interface WallRollout {
  readonly jobId: string
  readonly job: WallJob | undefined
  readonly counts: ExecutionCounts | undefined
  /** When its counts last changed here (a DescribeJob answer or an event). */
  readonly updatedAtMs: number | undefined
  readonly error: unknown
}

export interface WallData {
  readonly fleet: UseQueryResult<FleetTotals>
  readonly activeJobs: UseQueryResult<ActiveJobs>
  readonly rollouts: readonly WallRollout[]
  /** Active jobs beyond those shown. */
  readonly moreJobs: number
  /** ListJobs had more than one page: there may be more still. */
  readonly jobsTruncated: boolean
  readonly state: WallState
  readonly liveStatus: LiveStatus
}

function useWallStore(): [WallStore, WallState] {
  const [store] = useState(createWallStore)
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState)
  return [store, state]
}

export function useWallData(): WallData {
  const { iot } = useAwsClients()
  const queryClient = useQueryClient()
  const liveStatus = useLiveStatus()
  const isLive = liveStatus === 'live'
  const [store, state] = useWallStore()

  const fleet = useFleetTotals()
  const activeJobs = useActiveJobs()
  const shown = useMemo(() => shownActiveJobs(activeJobs.data?.jobs ?? []), [activeJobs.data])
  const shownKey = shown.jobIds.join('\n')
  useEffect(() => {
    store.dispatch({ type: 'jobsShown', jobIds: shownKey === '' ? [] : shownKey.split('\n') })
  }, [store, shownKey])

  const jobQueries = useQueries({
    queries: shown.jobIds.map((jobId) => ({
      ...wallJobOptions(iot, jobId, (job) =>
        store.dispatch({ type: 'countersRead', jobId, counts: job.counts, atMs: Date.now() }),
      ),
      refetchInterval: jobCountersIntervalMs(isLive),
      refetchIntervalInBackground: true,
      staleTime: WALL_SCHEDULE.jobCountersPollingMs / 2,
    })),
  })
  const rollouts = shown.jobIds.map((jobId, index): WallRollout => {
    const query = jobQueries[index]
    const live = state.counts.get(jobId)
    return {
      jobId,
      job: query?.data,
      counts: live?.counts ?? query?.data?.counts,
      updatedAtMs: live?.updatedAtMs ?? query?.dataUpdatedAt,
      error: query?.error,
    }
  })

  // A job completing, canceled or deleted leaves the list: read it again,
  // at most every few seconds however many jobs end together.
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(reloadTimer.current), [])
  const onEvents = useCallback(
    (events: readonly JobEvent[]) => {
      store.dispatch({ type: 'eventsReceived', events, atMs: Date.now() })
      if (!events.some((event) => event.eventType === 'JOB')) return
      reloadTimer.current ??= setTimeout(() => {
        reloadTimer.current = undefined
        void queryClient.invalidateQueries({ queryKey: wallKeys.activeJobs() })
      }, WALL_SCHEDULE.jobChangeReloadMs)
    },
    [queryClient, store],
  )
  useAllJobEvents(onEvents)

  // Back to live after a drop (the network, the cloud): what happened
  // meanwhile came with no event, and the panels may be stale. Read it all
  // again once, rather than wait for each schedule. (Not after the first
  // connection: the first answers are only just in.)
  const previousStatus = useRef(liveStatus)
  useEffect(() => {
    if (liveStatus === 'live' && previousStatus.current === 'polling')
      void queryClient.invalidateQueries({ queryKey: wallKeys.all })
    previousStatus.current = liveStatus
  }, [liveStatus, queryClient])

  return {
    fleet,
    activeJobs,
    rollouts,
    moreJobs: shown.more,
    jobsTruncated: activeJobs.data?.truncated ?? false,
    state,
    liveStatus,
  }
}
