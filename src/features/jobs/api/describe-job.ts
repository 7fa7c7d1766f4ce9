import {
  DescribeJobCommand,
  type AbortCriteria,
  type DescribeJobResponse,
  type IoTClient,
  type JobProcessDetails,
} from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { jobsKeys } from './jobs-keys.ts'

/**
 * One job's description: its targets, counters of executions per status
 * (`jobProcessDetails`), description and times. The counters are what the
 * list's progress bar is drawn from: no execution is listed for it.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_DescribeJob.html
 */
export interface JobDetail {
  readonly jobId: string
  readonly jobArn?: string
  readonly status?: string
  readonly targetSelection?: string
  readonly targets: readonly string[]
  readonly description?: string
  readonly processDetails?: JobProcessDetails
  readonly createdAt?: Date
  readonly completedAt?: Date
  readonly forceCanceled?: boolean
  readonly reasonCode?: string
  readonly comment?: string
  /** AWS's own rule for stopping the job (shown beside Fleetdeck's alerts). */
  readonly abortCriteria?: readonly AbortCriteria[]
  /** The rollout's constant rate, when set (executions notified per minute). */
  readonly maximumPerMinute?: number
  readonly inProgressTimeoutInMinutes?: number
}

export function jobDetailOf(output: DescribeJobResponse, jobId: string): JobDetail {
  const job = output.job
  return {
    jobId: job?.jobId ?? jobId,
    ...(job?.jobArn === undefined ? {} : { jobArn: job.jobArn }),
    ...(job?.status === undefined ? {} : { status: job.status }),
    ...(job?.targetSelection === undefined ? {} : { targetSelection: job.targetSelection }),
    targets: job?.targets ?? [],
    ...(job?.description ? { description: job.description } : {}),
    ...(job?.jobProcessDetails === undefined ? {} : { processDetails: job.jobProcessDetails }),
    ...(job?.createdAt === undefined ? {} : { createdAt: job.createdAt }),
    ...(job?.completedAt === undefined ? {} : { completedAt: job.completedAt }),
    ...(job?.forceCanceled === undefined ? {} : { forceCanceled: job.forceCanceled }),
    ...(job?.reasonCode ? { reasonCode: job.reasonCode } : {}),
    ...(job?.comment ? { comment: job.comment } : {}),
    ...(job?.abortConfig?.criteriaList === undefined
      ? {}
      : { abortCriteria: job.abortConfig.criteriaList }),
    ...(job?.jobExecutionsRolloutConfig?.maximumPerMinute === undefined
      ? {}
      : { maximumPerMinute: job.jobExecutionsRolloutConfig.maximumPerMinute }),
    ...(job?.timeoutConfig?.inProgressTimeoutInMinutes === undefined
      ? {}
      : { inProgressTimeoutInMinutes: job.timeoutConfig.inProgressTimeoutInMinutes }),
  }
}

export async function describeJob(
  iot: IoTClient,
  jobId: string,
  signal?: AbortSignal,
): Promise<JobDetail> {
  const output = await iot.send(new DescribeJobCommand({ jobId }), { abortSignal: signal })
  return jobDetailOf(output, jobId)
}

export const describeJobOptions = (iot: IoTClient, jobId: string) =>
  queryOptions({
    queryKey: [...jobsKeys.detail(jobId), 'describe'] as const,
    queryFn: ({ signal }) => describeJob(iot, jobId, signal),
  })

export function useDescribeJob(jobId: string) {
  const { iot } = useAwsClients()
  return useQuery(describeJobOptions(iot, jobId))
}
