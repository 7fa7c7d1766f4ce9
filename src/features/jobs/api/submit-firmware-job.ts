import type { IoTClient } from '@aws-sdk/client-iot'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { thingGroupArn, type AccountScope } from '@domain/arn.ts'
import { dynamicGroupNameFor, type JobTargetChoice } from '../utils/job-target.ts'
import { createJob, createJobRequest, JobIdConflictError, type CreatedJob } from './create-job.ts'
import { createDynamicThingGroup, deleteDynamicThingGroup } from './create-dynamic-thing-group.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { isThrottlingError } from '@/lib/aws/aws-error-message.ts'
import { jobsKeys } from './jobs-keys.ts'

/**
 * Creates a firmware job from the wizard. Things and groups were resolved to
 * ARNs at the target step. A query first becomes a dynamic thing group named
 * after the job (CreateJob cannot target a query); everything is validated
 * before the group is created, and if AWS then refuses the job the group is
 * deleted again, so nothing half-created stays behind. A retry reuses the job
 * id, so it finds both its group and its job.
 */
export interface FirmwareJobSubmission {
  readonly jobId: string
  readonly target: JobTargetChoice
  /** ARNs of a thing, things or group target; unused for a query. */
  readonly targetArns: readonly string[]
  readonly account: Required<AccountScope>
  readonly document: unknown
  /** CreateJob options without targets. */
  readonly options: Readonly<Record<string, unknown>>
}

/** AWS refused the request itself (4xx), as opposed to a lost connection or a throttle. */
const isRefusal = (error: unknown) => {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata
    ?.httpStatusCode
  return status !== undefined && status >= 400 && status < 500 && !isThrottlingError(error)
}

export async function submitFirmwareJob(
  iot: IoTClient,
  submission: FirmwareJobSubmission,
  signal?: AbortSignal,
): Promise<CreatedJob> {
  const { jobId, target } = submission
  if (target.kind !== 'query') {
    return createJob(
      iot,
      {
        jobId,
        document: submission.document,
        options: { ...submission.options, targets: [...submission.targetArns] },
      },
      signal,
    )
  }
  const thingGroupName = dynamicGroupNameFor(jobId)
  const input = {
    jobId,
    document: submission.document,
    options: {
      ...submission.options,
      targets: [thingGroupArn(submission.account, thingGroupName)],
    },
  }
  createJobRequest(input) // throws before the group exists if anything is invalid
  const groupArn = await createDynamicThingGroup(
    iot,
    { thingGroupName, queryString: target.queryString },
    signal,
  )
  try {
    return await createJob(
      iot,
      { ...input, options: { ...submission.options, targets: [groupArn] } },
      signal,
    )
  } catch (error) {
    if (!(error instanceof JobIdConflictError) && isRefusal(error)) {
      await deleteDynamicThingGroup(iot, thingGroupName).catch(() => undefined)
    }
    throw error
  }
}

export function useSubmitFirmwareJob() {
  const { iot } = useAwsClients()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (submission: FirmwareJobSubmission) => submitFirmwareJob(iot, submission),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobsKeys.all }),
  })
}
