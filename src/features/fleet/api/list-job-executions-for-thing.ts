import {
  ListJobExecutionsForThingCommand,
  type IoTClient,
  type JobExecutionStatus,
} from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { fleetKeys } from './fleet-keys.ts'

/**
 * A thing's job history, a page at a time, as AWS lists it.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_ListJobExecutionsForThing.html
 */
export interface ThingJobExecution {
  readonly jobId: string
  readonly status?: JobExecutionStatus
  readonly executionNumber?: number
  readonly retryAttempt?: number
  readonly queuedAt?: Date
  readonly startedAt?: Date
  readonly lastUpdatedAt?: Date
}

export interface ThingJobExecutionsPage {
  readonly executions: readonly ThingJobExecution[]
  readonly nextToken?: string
}

/** Executions per page (the API allows 1 to 250). */
export const JOB_EXECUTIONS_PAGE_SIZE = 25

export async function listJobExecutionsForThing(
  iot: IoTClient,
  {
    thingName,
    nextToken,
    maxResults = JOB_EXECUTIONS_PAGE_SIZE,
  }: { thingName: string; nextToken?: string | undefined; maxResults?: number },
  signal?: AbortSignal,
): Promise<ThingJobExecutionsPage> {
  const output = await iot.send(
    new ListJobExecutionsForThingCommand({
      thingName,
      maxResults,
      ...(nextToken === undefined ? {} : { nextToken }),
    }),
    { abortSignal: signal },
  )
  const executions = (output.executionSummaries ?? []).map(({ jobId, jobExecutionSummary }) => {
    const summary = jobExecutionSummary ?? {}
    return {
      jobId: jobId ?? '',
      ...(summary.status === undefined ? {} : { status: summary.status }),
      ...(summary.executionNumber === undefined
        ? {}
        : { executionNumber: summary.executionNumber }),
      ...(summary.retryAttempt === undefined ? {} : { retryAttempt: summary.retryAttempt }),
      ...(summary.queuedAt === undefined ? {} : { queuedAt: summary.queuedAt }),
      ...(summary.startedAt === undefined ? {} : { startedAt: summary.startedAt }),
      ...(summary.lastUpdatedAt === undefined ? {} : { lastUpdatedAt: summary.lastUpdatedAt }),
    }
  })
  return output.nextToken ? { executions, nextToken: output.nextToken } : { executions }
}

export const jobExecutionsForThingOptions = (
  iot: IoTClient,
  thingName: string,
  nextToken: string | undefined,
) =>
  queryOptions({
    queryKey: fleetKeys.thingJobExecutions(thingName, nextToken ?? null),
    queryFn: ({ signal }) => listJobExecutionsForThing(iot, { thingName, nextToken }, signal),
  })

export function useJobExecutionsForThing(
  thingName: string,
  nextToken: string | undefined,
  { enabled = true } = {},
) {
  const { iot } = useAwsClients()
  return useQuery({ ...jobExecutionsForThingOptions(iot, thingName, nextToken), enabled })
}
