import { ListJobsCommand, type IoTClient } from '@aws-sdk/client-iot'
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import type { JobStatus } from '@domain/job-status.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import type { TargetSelection } from '../utils/jobs-list-filters.ts'
import { jobsKeys } from './jobs-keys.ts'

/**
 * Jobs a page at a time, newest first, optionally by status, target
 * selection and a thing group among their targets. The summaries carry no
 * counters, targets or document: each visible row asks DescribeJob and
 * GetJobDocument for those.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_ListJobs.html
 */
export interface JobSummaryRow {
  readonly jobId: string
  readonly jobArn?: string
  readonly status?: string
  readonly targetSelection?: string
  readonly createdAt?: Date
  readonly lastUpdatedAt?: Date
  readonly completedAt?: Date
}

export interface JobsPage {
  readonly jobs: readonly JobSummaryRow[]
  readonly nextToken?: string
}

/**
 * Jobs per page. Each visible job costs one DescribeJob and one
 * GetJobDocument, so a page stays small enough for the control plane's
 * per-second limits (DescribeJob: 10 TPS by default).
 */
export const JOBS_PAGE_SIZE = 20

export interface ListJobsInput {
  readonly status?: JobStatus | undefined
  readonly targetSelection?: TargetSelection | undefined
  readonly thingGroupName?: string | undefined
  readonly nextToken?: string | undefined
}

export async function listJobs(
  iot: IoTClient,
  { status, targetSelection, thingGroupName, nextToken }: ListJobsInput,
  signal?: AbortSignal,
): Promise<JobsPage> {
  const output = await iot.send(
    new ListJobsCommand({
      maxResults: JOBS_PAGE_SIZE,
      ...(status === undefined ? {} : { status }),
      ...(targetSelection === undefined ? {} : { targetSelection }),
      ...(thingGroupName ? { thingGroupName } : {}),
      ...(nextToken === undefined ? {} : { nextToken }),
    }),
    { abortSignal: signal },
  )
  const jobs = (output.jobs ?? [])
    .filter((job) => job.jobId !== undefined)
    .map((job) => ({
      jobId: job.jobId ?? '',
      ...(job.jobArn === undefined ? {} : { jobArn: job.jobArn }),
      ...(job.status === undefined ? {} : { status: job.status }),
      ...(job.targetSelection === undefined ? {} : { targetSelection: job.targetSelection }),
      ...(job.createdAt === undefined ? {} : { createdAt: job.createdAt }),
      ...(job.lastUpdatedAt === undefined ? {} : { lastUpdatedAt: job.lastUpdatedAt }),
      ...(job.completedAt === undefined ? {} : { completedAt: job.completedAt }),
    }))
  return output.nextToken ? { jobs, nextToken: output.nextToken } : { jobs }
}

export const listJobsOptions = (iot: IoTClient, input: ListJobsInput) =>
  queryOptions({
    queryKey: jobsKeys.list({
      status: input.status,
      targetSelection: input.targetSelection,
      thingGroupName: input.thingGroupName,
      nextToken: input.nextToken ?? null,
    }),
    queryFn: ({ signal }) => listJobs(iot, input, signal),
  })

export function useListJobs(input: ListJobsInput) {
  const { iot } = useAwsClients()
  // The previous page stays on screen while the next loads, so the table does not flash empty.
  return useQuery({ ...listJobsOptions(iot, input), placeholderData: keepPreviousData })
}
