import { DescribeJobExecutionCommand, type IoTClient } from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import type { JobExecutionStatus } from '@domain/job-execution-status.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { jobsKeys } from './jobs-keys.ts'

/**
 * One device's execution of a job with what the device reported in
 * `statusDetails` (progress, reason, download time). Summaries from
 * ListJobExecutionsForJob do not carry them, so the table describes only
 * the rows on screen.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_DescribeJobExecution.html
 */
export interface ExecutionDescription {
  readonly thingName: string
  readonly status: JobExecutionStatus | undefined
  readonly statusDetails: Readonly<Record<string, string>>
  readonly versionNumber?: number
}

export async function describeJobExecution(
  iot: IoTClient,
  jobId: string,
  thingName: string,
  signal?: AbortSignal,
): Promise<ExecutionDescription> {
  const output = await iot.send(new DescribeJobExecutionCommand({ jobId, thingName }), {
    abortSignal: signal,
  })
  const execution = output.execution
  return {
    thingName,
    status: execution?.status,
    statusDetails: execution?.statusDetails?.detailsMap ?? {},
    ...(execution?.versionNumber === undefined ? {} : { versionNumber: execution.versionNumber }),
  }
}

export const describeJobExecutionOptions = (iot: IoTClient, jobId: string, thingName: string) =>
  queryOptions({
    queryKey: jobsKeys.execution(jobId, thingName),
    queryFn: ({ signal }) => describeJobExecution(iot, jobId, thingName, signal),
    staleTime: 10_000,
  })

export function useJobExecutionDescription(jobId: string, thingName: string, enabled: boolean) {
  const { iot } = useAwsClients()
  return useQuery({ ...describeJobExecutionOptions(iot, jobId, thingName), enabled })
}
