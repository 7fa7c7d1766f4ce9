import { ListJobExecutionsForJobCommand, type IoTClient } from '@aws-sdk/client-iot'
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { parseJobTargetArn } from '@domain/arn.ts'
import type { JobExecutionStatus } from '@domain/job-execution-status.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { jobsKeys } from './jobs-keys.ts'

/**
 * A job's executions a page at a time, optionally of one status, for the
 * executions table only: the table asks for the next page when it scrolls
 * near the end of what it has. Charts and totals never come from here
 * (DescribeJob's counters do), so a job of 100,000 devices costs one page
 * per screenful a person actually looks at.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_ListJobExecutionsForJob.html
 */
export const EXECUTIONS_PAGE_SIZE = 100

export interface ExecutionRow {
  readonly thingName: string
  readonly thingArn: string
  readonly status: JobExecutionStatus | undefined
  readonly queuedAt?: Date
  readonly startedAt?: Date
  readonly lastUpdatedAt?: Date
  readonly retryAttempt?: number
  readonly executionNumber?: number
}

export interface ExecutionsPage {
  readonly rows: readonly ExecutionRow[]
  readonly nextToken?: string
}

export async function listJobExecutionsForJob(
  iot: IoTClient,
  input: {
    jobId: string
    status?: JobExecutionStatus | undefined
    nextToken?: string | undefined
    maxResults?: number
  },
  signal?: AbortSignal,
): Promise<ExecutionsPage> {
  const output = await iot.send(
    new ListJobExecutionsForJobCommand({
      jobId: input.jobId,
      maxResults: input.maxResults ?? EXECUTIONS_PAGE_SIZE,
      ...(input.status === undefined ? {} : { status: input.status }),
      ...(input.nextToken === undefined ? {} : { nextToken: input.nextToken }),
    }),
    { abortSignal: signal },
  )
  const rows = (output.executionSummaries ?? []).flatMap((summary): ExecutionRow[] => {
    const thingArn = summary.thingArn
    const target = thingArn === undefined ? undefined : parseJobTargetArn(thingArn)
    if (thingArn === undefined || target?.kind !== 'thing') return []
    const thingName = target.name
    const execution = summary.jobExecutionSummary
    return [
      {
        thingName,
        thingArn,
        status: execution?.status,
        ...(execution?.queuedAt === undefined ? {} : { queuedAt: execution.queuedAt }),
        ...(execution?.startedAt === undefined ? {} : { startedAt: execution.startedAt }),
        ...(execution?.lastUpdatedAt === undefined
          ? {}
          : { lastUpdatedAt: execution.lastUpdatedAt }),
        ...(execution?.retryAttempt === undefined ? {} : { retryAttempt: execution.retryAttempt }),
        ...(execution?.executionNumber === undefined
          ? {}
          : { executionNumber: execution.executionNumber }),
      },
    ]
  })
  return { rows, ...(output.nextToken ? { nextToken: output.nextToken } : {}) }
}

/** Largest page ListJobExecutionsForJob returns (maxResults 1–250). */
export const MAX_EXECUTIONS_PAGE = 250

/**
 * Every execution of one status, page after page, stopping once more than
 * `limit` have been read (the caller refuses a plan that large): for actions
 * that must reach every failed or touched device, never for drawing.
 */
export async function listJobExecutionsUpTo(
  iot: IoTClient,
  { jobId, status, limit }: { jobId: string; status: JobExecutionStatus; limit: number },
  signal?: AbortSignal,
): Promise<ExecutionRow[]> {
  const rows: ExecutionRow[] = []
  let nextToken: string | undefined
  do {
    const page = await listJobExecutionsForJob(
      iot,
      { jobId, status, nextToken, maxResults: MAX_EXECUTIONS_PAGE },
      signal,
    )
    rows.push(...page.rows)
    nextToken = page.nextToken
  } while (nextToken !== undefined && rows.length <= limit)
  return rows
}

export const jobExecutionsOptions = (
  iot: IoTClient,
  jobId: string,
  status: JobExecutionStatus | undefined,
) =>
  infiniteQueryOptions({
    queryKey: jobsKeys.executions(jobId, status),
    queryFn: ({ pageParam, signal }) =>
      listJobExecutionsForJob(iot, { jobId, status, nextToken: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextToken,
    // Refetching every loaded page of a long scroll on each change would be
    // heavy; the table refreshes what the person looks at (rows re-describe).
    staleTime: 30_000,
  })

export function useJobExecutions(jobId: string, status: JobExecutionStatus | undefined) {
  const { iot } = useAwsClients()
  return useInfiniteQuery(jobExecutionsOptions(iot, jobId, status))
}
