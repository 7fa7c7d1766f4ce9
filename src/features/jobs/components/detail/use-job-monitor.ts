import {
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query'
import { useCallback, useEffect, useRef } from 'react'
import type { JobExecutionStatus } from '@domain/job-execution-status.ts'
import {
  applyTerminalStatuses,
  countsFromProcessDetails,
  type ExecutionCounts,
} from '@domain/job-monitoring/execution-counts.ts'
import {
  EMPTY_INSIGHTS,
  observeExecutions,
  type ExecutionInsights,
  type ExecutionObservation,
} from '@domain/job-monitoring/execution-insights.ts'
import {
  appendToTimeline,
  type ExecutionTimeline,
} from '@domain/job-monitoring/execution-timeline.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { useJobEvents, useLiveStatus } from '@/lib/live/live-events-provider.tsx'
import type { JobEvent } from '@domain/job-events.ts'
import { describeJobOptions, type JobDetail } from '../../api/describe-job.ts'
import type { ExecutionDescription } from '../../api/describe-job-execution.ts'
import type { ExecutionsPage } from '../../api/list-job-executions-for-job.ts'
import { jobsKeys } from '../../api/jobs-keys.ts'
import { sampleExecutionOutcomes } from '../../api/sample-execution-outcomes.ts'

/**
 * Everything the job page draws, kept current: DescribeJob's counters (the
 * source of truth for totals), moved between two DescribeJob calls by the
 * job events pushed over MQTT, the counts over time, and what finished
 * devices reported. While the socket is up DescribeJob is asked rarely (and
 * soon after events, throttled); while it is down, every few seconds.
 */
export const LIVE_RECONCILE_MS = 30_000
export const POLLING_INTERVAL_MS = 5_000
/** After events, the counters are re-read at most this often. */
export const EVENT_RECONCILE_MS = 2_000

/**
 * Nothing will move any more: the job completed or is being deleted, or it
 * was canceled and no device is still running it (a cancel without force
 * lets in-progress executions finish, and they are still worth watching).
 */
export function isJobSettled(
  status: string | undefined,
  counts: ExecutionCounts | undefined,
): boolean {
  if (status === 'COMPLETED' || status === 'DELETION_IN_PROGRESS') return true
  return status === 'CANCELED' && (counts?.IN_PROGRESS ?? 0) === 0
}

function countsToProcessDetails(counts: ExecutionCounts): NonNullable<JobDetail['processDetails']> {
  return {
    numberOfQueuedThings: counts.QUEUED,
    numberOfInProgressThings: counts.IN_PROGRESS,
    numberOfSucceededThings: counts.SUCCEEDED,
    numberOfFailedThings: counts.FAILED,
    numberOfTimedOutThings: counts.TIMED_OUT,
    numberOfRejectedThings: counts.REJECTED,
    numberOfRemovedThings: counts.REMOVED,
    numberOfCanceledThings: counts.CANCELED,
  }
}

function executionObservations(events: readonly JobEvent[]): ExecutionObservation[] {
  // A `deleted` execution event repeats the status the execution already
  // had: counting it would count that execution twice.
  return events.flatMap((event): ExecutionObservation[] =>
    event.eventType === 'JOB_EXECUTION' && event.operation !== 'deleted'
      ? [
          {
            thingName: event.thingName,
            status: event.status,
            statusDetails: event.statusDetails,
          },
        ]
      : [],
  )
}

function mergeEvents(
  queryClient: QueryClient,
  describeKey: readonly unknown[],
  jobId: string,
  events: readonly JobEvent[],
): void {
  const observations = executionObservations(events)
  const statuses: JobExecutionStatus[] = observations.map((observation) => observation.status)
  if (statuses.length > 0) {
    queryClient.setQueryData<JobDetail>(describeKey, (job) =>
      job === undefined
        ? job
        : {
            ...job,
            processDetails: countsToProcessDetails(
              applyTerminalStatuses(countsFromProcessDetails(job.processDetails), statuses),
            ),
          },
    )
  }
  if (observations.length === 0) return
  queryClient.setQueryData<ExecutionInsights>(jobsKeys.insights(jobId), (insights) =>
    observeExecutions(insights ?? EMPTY_INSIGHTS, observations),
  )
  // The table's loaded rows and described rows follow the events too.
  const latest = new Map(observations.map((observation) => [observation.thingName, observation]))
  queryClient.setQueriesData<InfiniteData<ExecutionsPage>>(
    { queryKey: [...jobsKeys.detail(jobId), 'executions'] },
    (data) => (data === undefined ? data : withStatuses(data, latest)),
  )
  // Only rows someone has looked at are described (and cached); creating a
  // cache entry per event would mean one entry and timer per device.
  // getQueryState looks the key up by its hash; QueryCache.find would scan
  // every query once per event, which at 1,000 events a second is the page.
  for (const observation of latest.values()) {
    const key = jobsKeys.execution(jobId, observation.thingName)
    if (queryClient.getQueryState(key) === undefined) continue
    queryClient.setQueryData<ExecutionDescription>(key, {
      thingName: observation.thingName,
      status: observation.status,
      statusDetails: textDetails(observation.statusDetails),
    })
  }
}

function withStatuses(
  data: InfiniteData<ExecutionsPage>,
  latest: ReadonlyMap<string, ExecutionObservation>,
): InfiniteData<ExecutionsPage> {
  let changed = false
  const pages = data.pages.map((page) => {
    let pageChanged = false
    const rows = page.rows.map((row) => {
      const observed = latest.get(row.thingName)
      if (observed === undefined || observed.status === row.status) return row
      pageChanged = true
      return { ...row, status: observed.status }
    })
    if (!pageChanged) return page
    changed = true
    return { ...page, rows }
  })
  return changed ? { ...data, pages } : data
}

/** statusDetails values are text on the wire; anything else is dropped rather than shown oddly. */
function textDetails(
  details: ExecutionObservation['statusDetails'],
): Readonly<Record<string, string>> {
  const text: Record<string, string> = {}
  for (const [key, value] of Object.entries(details ?? {}))
    if (typeof value === 'string') text[key] = value
  return text
}

export interface JobMonitor {
  readonly job: ReturnType<typeof useQuery<JobDetail>>
  readonly counts: ExecutionCounts | undefined
  readonly timeline: ExecutionTimeline
  readonly insights: ExecutionInsights
  readonly insightsLoading: boolean
  readonly insightsError: unknown
  readonly liveState: ReturnType<typeof useLiveStatus>
}

export function useJobMonitor(jobId: string): JobMonitor {
  const { iot } = useAwsClients()
  const queryClient = useQueryClient()
  const liveState = useLiveStatus()
  const describe = describeJobOptions(iot, jobId)
  const job = useQuery({
    ...describe,
    refetchInterval: (query) => {
      const data = query.state.data
      if (isJobSettled(data?.status, countsFromProcessDetails(data?.processDetails))) return false
      return liveState === 'live' ? LIVE_RECONCILE_MS : POLLING_INTERVAL_MS
    },
    // A wall or a page left open keeps moving while another window has focus.
    refetchIntervalInBackground: true,
  })

  const timelineKey = jobsKeys.timeline(jobId)
  const timeline = useQuery({
    queryKey: timelineKey,
    // Never fetched: the page appends to it. Re-running this keeps what is there.
    queryFn: () => queryClient.getQueryData<ExecutionTimeline>(timelineKey) ?? [],
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60 * 60_000,
  })

  const insightsKey = jobsKeys.insights(jobId)
  const insights = useQuery({
    queryKey: insightsKey,
    queryFn: async ({ signal }) =>
      observeExecutions(
        queryClient.getQueryData<ExecutionInsights>(insightsKey) ?? EMPTY_INSIGHTS,
        await sampleExecutionOutcomes(iot, jobId, signal),
      ),
    // Events keep it current; the sample is only the starting point.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60 * 60_000,
  })

  // Every new set of counters, fetched or moved by events, is a point in time.
  const counters = job.data?.processDetails
  useEffect(() => {
    if (counters === undefined) return
    queryClient.setQueryData<ExecutionTimeline>(timelineKey, (points) =>
      appendToTimeline(points ?? [], Date.now(), countsFromProcessDetails(counters)),
    )
    // timelineKey is rebuilt each render; jobId names it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [counters, jobId, queryClient])

  const reconcileTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(reconcileTimer.current), [])
  const onEvents = useCallback(
    (events: readonly JobEvent[]) => {
      mergeEvents(queryClient, describe.queryKey, jobId, events)
      // Job events (completed, canceled) change the job itself: re-read now.
      const jobChanged = events.some((event) => event.eventType === 'JOB')
      if (jobChanged) {
        clearTimeout(reconcileTimer.current)
        reconcileTimer.current = undefined
        void queryClient.invalidateQueries({ queryKey: describe.queryKey, exact: true })
        return
      }
      reconcileTimer.current ??= setTimeout(() => {
        reconcileTimer.current = undefined
        void queryClient.invalidateQueries({ queryKey: describe.queryKey, exact: true })
      }, EVENT_RECONCILE_MS)
    },
    // describe.queryKey is derived from jobId.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [jobId, queryClient],
  )
  useJobEvents(jobId, onEvents)

  // Events missed while the socket was down are not replayed: re-read the
  // counters as soon as it is back.
  const wasLive = useRef(liveState === 'live')
  useEffect(() => {
    const isLive = liveState === 'live'
    if (isLive && !wasLive.current)
      void queryClient.invalidateQueries({ queryKey: describe.queryKey, exact: true })
    wasLive.current = isLive
    // describe.queryKey is derived from jobId.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [liveState, jobId, queryClient])

  return {
    job,
    counts: counters === undefined ? undefined : countsFromProcessDetails(counters),
    timeline: timeline.data ?? [],
    insights: insights.data ?? EMPTY_INSIGHTS,
    insightsLoading: insights.isPending,
    insightsError: insights.error,
    liveState,
  }
}
