import type { IoTClient } from '@aws-sdk/client-iot'
import type { ExecutionObservation } from '@domain/job-monitoring/execution-insights.ts'
import type { JobExecutionStatus } from '@domain/job-execution-status.ts'
import { describeJobExecution } from './describe-job-execution.ts'
import { listJobExecutionsForJob } from './list-job-executions-for-job.ts'

/**
 * What finished devices reported, for the download-time percentiles and the
 * failure reasons a page shows before any event has arrived: the first few
 * executions of each finished status, described one by one. The sample is
 * bounded whatever the job's size (at most SAMPLE_PER_STATUS × 4
 * DescribeJobExecution calls, a few at a time to stay under the control
 * plane's 10 TPS), and the page says how many devices its figures are from.
 */
export const SAMPLE_PER_STATUS = 20
const SAMPLED_STATUSES: readonly JobExecutionStatus[] = [
  'SUCCEEDED',
  'FAILED',
  'REJECTED',
  'TIMED_OUT',
]
const CONCURRENCY = 4

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = []
  for (let start = 0; start < items.length; start += size)
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))))
  return results
}

export async function sampleExecutionOutcomes(
  iot: IoTClient,
  jobId: string,
  signal?: AbortSignal,
): Promise<ExecutionObservation[]> {
  const listed = await Promise.all(
    SAMPLED_STATUSES.map((status) =>
      listJobExecutionsForJob(iot, { jobId, status, maxResults: SAMPLE_PER_STATUS }, signal),
    ),
  )
  const things = listed.flatMap((page) => page.rows.map((row) => row.thingName))
  const described = await inBatches(things, CONCURRENCY, (thingName) =>
    describeJobExecution(iot, jobId, thingName, signal),
  )
  return described.flatMap((execution): ExecutionObservation[] =>
    execution.status === undefined
      ? []
      : [
          {
            thingName: execution.thingName,
            status: execution.status,
            statusDetails: execution.statusDetails,
          },
        ],
  )
}
