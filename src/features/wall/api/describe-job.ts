import { DescribeJobCommand, type IoTClient } from '@aws-sdk/client-iot'
import { queryOptions } from '@tanstack/react-query'
import {
  countsFromProcessDetails,
  type ExecutionCounts,
} from '@domain/job-monitoring/execution-counts.ts'
import { wallKeys } from './wall-keys.ts'

/**
 * One job's counters of executions per status (`jobProcessDetails`), its
 * status and description: what a rollout's bar and chart are drawn from,
 * one call per job however many devices it targets. Job events move the
 * counters between two calls (use-wall-data.ts).
 * https://docs.aws.amazon.com/iot/latest/apireference/API_DescribeJob.html
 */
export interface WallJob {
  readonly jobId: string
  readonly status: string | undefined
  readonly description: string | undefined
  readonly targetSelection: string | undefined
  readonly counts: ExecutionCounts
}

export async function describeJob(
  iot: IoTClient,
  jobId: string,
  signal?: AbortSignal,
): Promise<WallJob> {
  const { job } = await iot.send(new DescribeJobCommand({ jobId }), { abortSignal: signal })
  return {
    jobId: job?.jobId ?? jobId,
    status: job?.status,
    description: job?.description || undefined,
    targetSelection: job?.targetSelection,
    counts: countsFromProcessDetails(job?.jobProcessDetails),
  }
}

/**
 * The schedule is the caller's: it depends on whether events are pushed
 * (use-wall-data.ts). `onFetched` hands each answer to the wall's timeline
 * as it arrives.
 */
export const wallJobOptions = (
  iot: IoTClient,
  jobId: string,
  onFetched: (job: WallJob) => void = () => undefined,
) =>
  queryOptions({
    queryKey: wallKeys.job(jobId),
    queryFn: async ({ signal }) => {
      const job = await describeJob(iot, jobId, signal)
      onFetched(job)
      return job
    },
  })
