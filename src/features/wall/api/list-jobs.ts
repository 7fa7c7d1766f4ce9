import { ListJobsCommand, type IoTClient } from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import type { ActiveJobSummary } from '../utils/active-jobs.ts'
import { WALL_SCHEDULE } from '../utils/wall-schedule.ts'
import { wallKeys } from './wall-keys.ts'

/**
 * The jobs in progress: one ListJobs page, whatever the fleet's size. Job
 * events tell when a job completes or is canceled, but nothing tells when
 * one starts, so the wall asks again on a schedule.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_ListJobs.html
 */
export const ACTIVE_JOBS_PAGE_SIZE = 25

export interface ActiveJobs {
  readonly jobs: readonly ActiveJobSummary[]
  /** More jobs are in progress than one page holds. */
  readonly truncated: boolean
}

export async function listActiveJobs(iot: IoTClient, signal?: AbortSignal): Promise<ActiveJobs> {
  const output = await iot.send(
    new ListJobsCommand({ status: 'IN_PROGRESS', maxResults: ACTIVE_JOBS_PAGE_SIZE }),
    { abortSignal: signal },
  )
  const jobs = (output.jobs ?? []).flatMap((job) =>
    job.jobId === undefined ? [] : [{ jobId: job.jobId, createdAtMs: job.createdAt?.getTime() }],
  )
  return { jobs, truncated: Boolean(output.nextToken) }
}

export const activeJobsOptions = (iot: IoTClient) =>
  queryOptions({
    queryKey: wallKeys.activeJobs(),
    queryFn: ({ signal }) => listActiveJobs(iot, signal),
    refetchInterval: WALL_SCHEDULE.activeJobsMs,
    refetchIntervalInBackground: true,
    staleTime: WALL_SCHEDULE.activeJobsMs / 2,
  })

export function useActiveJobs() {
  const { iot } = useAwsClients()
  return useQuery(activeJobsOptions(iot))
}
