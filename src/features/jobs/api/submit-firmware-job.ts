import type { IoTClient } from '@aws-sdk/client-iot'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { thingGroupArn, type AccountScope } from '@domain/arn.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { isThrottlingError } from '@/lib/aws/aws-error-message.ts'
import { dynamicGroupNameFor } from '../utils/job-target.ts'
import {
  createDynamicThingGroup,
  deleteDynamicThingGroup,
  waitForDynamicGroupActive,
  type WaitOptions,
} from './create-dynamic-thing-group.ts'
import { createJob, createJobRequest, JobIdConflictError, type CreatedJob } from './create-job.ts'
import { jobsKeys } from './jobs-keys.ts'

/**
 * Creates a firmware job from the wizard. Things, groups and the things a
 * SNAPSHOT query matches were resolved to ARNs before the review. A
 * CONTINUOUS query first becomes a dynamic thing group named after the job
 * (CreateJob cannot target a query), which must be ACTIVE before the job is
 * created; everything is validated before the group is created, and if AWS
 * then refuses the job the group is deleted again, so nothing half-created
 * stays behind. A retry reuses the job id, so it finds both its group and
 * its job.
 */
export type SubmissionTargets =
  | { readonly kind: 'arns'; readonly arns: readonly string[] }
  | { readonly kind: 'dynamic-group'; readonly queryString: string }

export interface FirmwareJobSubmission {
  readonly jobId: string
  readonly targets: SubmissionTargets
  readonly account: Required<AccountScope>
  readonly document: unknown
  /** CreateJob options without targets. */
  readonly options: Readonly<Record<string, unknown>>
  readonly jobTemplateArn?: string | undefined
  /** How long to wait for a dynamic group to become ACTIVE; tests shorten it. */
  readonly wait?: WaitOptions
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
  const { jobId, targets, jobTemplateArn } = submission
  const base = { jobId, document: submission.document, jobTemplateArn }
  if (targets.kind === 'arns') {
    return createJob(
      iot,
      { ...base, options: { ...submission.options, targets: [...targets.arns] } },
      signal,
    )
  }
  const thingGroupName = dynamicGroupNameFor(jobId)
  // Throws before the group exists if anything is invalid.
  createJobRequest({
    ...base,
    options: {
      ...submission.options,
      targets: [thingGroupArn(submission.account, thingGroupName)],
    },
  })
  const groupArn = await createDynamicThingGroup(
    iot,
    { thingGroupName, queryString: targets.queryString },
    signal,
  )
  await waitForDynamicGroupActive(iot, thingGroupName, submission.wait, signal)
  try {
    return await createJob(
      iot,
      { ...base, options: { ...submission.options, targets: [groupArn] } },
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
