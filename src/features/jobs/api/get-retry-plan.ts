import {
  DescribeJobCommand,
  GetJobDocumentCommand,
  type IoTClient,
  type Job,
} from '@aws-sdk/client-iot'
import { queryOptions, skipToken, useQuery } from '@tanstack/react-query'
import type { JobExecutionStatus } from '@domain/job-execution-status.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { expiredDocumentUrlProblem } from '../utils/presigned-url-expiry.ts'
import { latestFailedExecutions, RETRYABLE_STATUSES } from '../utils/retry-targets.ts'
import {
  MAX_GROUP_TARGET_THINGS,
  TooManyThingsError,
  type TargetThing,
} from '../utils/things-target.ts'
import { retryPlanKey } from './action-plan-keys.ts'
import { listJobExecutionsUpTo, type ExecutionRow } from './list-job-executions-for-job.ts'

/**
 * What "Retry failed devices" would create, read when the operator opens
 * the confirmation: the things whose latest execution ended FAILED or
 * TIMED_OUT (ListJobExecutionsForJob by status, every page), the job's own
 * document exactly as stored (GetJobDocument) and its settings
 * (DescribeJob). When the job may have run several attempts per device (a
 * retry configuration, or a continuous job a device rejoined), the other
 * statuses are listed too, so a device whose later attempt is queued,
 * running or done is not retried twice (utils/retry-targets.ts).
 * https://docs.aws.amazon.com/iot/latest/apireference/API_ListJobExecutionsForJob.html
 */
const LATER_STATUSES: readonly JobExecutionStatus[] = [
  'QUEUED',
  'IN_PROGRESS',
  'SUCCEEDED',
  'REJECTED',
  'CANCELED',
  'REMOVED',
]

export interface RetryPlan {
  readonly retriedJobId: string
  /** The job as DescribeJob returns it: the retry keeps some of its settings. */
  readonly job: Job
  readonly things: readonly TargetThing[]
  readonly failed: number
  readonly timedOut: number
  readonly documentText: string
  /** Why the document cannot be sent again, if it cannot. */
  readonly documentProblem?: string
}

const mayRunSeveralAttempts = (job: Job) =>
  job.targetSelection === 'CONTINUOUS' ||
  (job.jobExecutionsRetryConfig?.criteriaList ?? []).some(
    (criteria) => (criteria.numberOfRetries ?? 0) > 0,
  )

export async function getRetryPlan(
  iot: IoTClient,
  jobId: string,
  { maxThings = MAX_GROUP_TARGET_THINGS, nowMs = Date.now() } = {},
  signal?: AbortSignal,
): Promise<RetryPlan> {
  const [described, stored] = await Promise.all([
    iot.send(new DescribeJobCommand({ jobId }), { abortSignal: signal }),
    iot.send(new GetJobDocumentCommand({ jobId }), { abortSignal: signal }),
  ])
  const job = described.job ?? { jobId }
  const failedRows: ExecutionRow[] = []
  for (const status of RETRYABLE_STATUSES) {
    failedRows.push(
      ...(await listJobExecutionsUpTo(iot, { jobId, status, limit: maxThings }, signal)),
    )
    if (new Set(failedRows.map((row) => row.thingName)).size > maxThings) break
  }
  const laterRows: ExecutionRow[] = []
  if (mayRunSeveralAttempts(job)) {
    for (const status of LATER_STATUSES)
      laterRows.push(
        ...(await listJobExecutionsUpTo(
          iot,
          { jobId, status, limit: Number.POSITIVE_INFINITY },
          signal,
        )),
      )
  }
  const latest = latestFailedExecutions(failedRows, laterRows)
  if (latest.length > maxThings) throw new TooManyThingsError(latest.length, maxThings)
  const documentText = stored.document ?? ''
  const documentProblem =
    documentText === ''
      ? 'The job has no document to send again.'
      : expiredDocumentUrlProblem(documentText, nowMs)
  return {
    retriedJobId: jobId,
    job,
    things: latest.map(({ thingName, thingArn }) => ({ thingName, thingArn })),
    failed: latest.filter((row) => row.status === 'FAILED').length,
    timedOut: latest.filter((row) => row.status === 'TIMED_OUT').length,
    documentText,
    ...(documentProblem === undefined ? {} : { documentProblem }),
  }
}

export const retryPlanOptions = (iot: IoTClient, jobId: string, enabled: boolean) =>
  queryOptions({
    queryKey: retryPlanKey(jobId),
    queryFn: enabled ? ({ signal }) => getRetryPlan(iot, jobId, {}, signal) : skipToken,
    // Read for one decision: fresh each time the confirmation opens, and
    // not again behind the operator's back while it is open.
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  })

/** The plan while the confirmation is open. */
export function useRetryPlan(jobId: string, enabled: boolean) {
  const { iot } = useAwsClients()
  return useQuery(retryPlanOptions(iot, jobId, enabled))
}
