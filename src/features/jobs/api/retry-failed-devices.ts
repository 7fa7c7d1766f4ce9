import type { IoTClient } from '@aws-sdk/client-iot'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import {
  clearPendingSubmission,
  findPendingSubmission,
  fingerprintOf,
  savePendingSubmission,
} from '../utils/pending-submission.ts'
import { retryOptionsOf } from '../utils/retry-options.ts'
import type { ThingsTargetBounds } from '../utils/things-target.ts'
import { newJobId, VerbatimJobDocument } from './create-job.ts'
import { createJobForThings, type CreatedJobForThings } from './create-job-for-things.ts'
import { ThingGroupConflictError } from './create-thing-group.ts'
import type { RetryPlan } from './get-retry-plan.ts'
import { invalidateAfterAction } from './action-plan-keys.ts'
import { jobsKeys } from './jobs-keys.ts'
import { usePendingSubmission } from './use-pending-submission.ts'

/**
 * "Retry failed devices": a new job with the same document, sent exactly as
 * the retried job stored it (whichever tool wrote it), targeting the things
 * of the plan (get-retry-plan.ts): by ARN up to 100, else through a static
 * group named after the new job. The new job's id is chosen once per plan
 * and kept until the job exists (utils/pending-submission.ts), so a double
 * click, a retry after an error or a reload creates one job, and a group
 * filled half way is completed rather than made twice. The id is kept after
 * success too (for the pending entry's hour): asking again for the same
 * devices and document finds the retry already made instead of a second one.
 */
export const RETRY_JOB_ID_PREFIX = 'retry'

export interface RetryFailedDevicesInput {
  readonly plan: RetryPlan
  /** The new job's id, chosen once per plan (see useRetryFailedDevices). */
  readonly jobId: string
  readonly username: string | undefined
  readonly bounds?: ThingsTargetBounds
}

export async function retryFailedDevices(
  iot: IoTClient,
  { plan, jobId, username, bounds }: RetryFailedDevicesInput,
  signal?: AbortSignal,
): Promise<CreatedJobForThings> {
  if (plan.documentProblem !== undefined) throw new Error(plan.documentProblem)
  return createJobForThings(
    iot,
    {
      jobId,
      things: plan.things,
      document: new VerbatimJobDocument(plan.documentText),
      options: retryOptionsOf(plan.job, {
        retriedJobId: plan.retriedJobId,
        deviceCount: plan.things.length,
        username,
      }),
      groupDescription: `Devices whose execution of ${plan.retriedJobId} failed, retried by ${jobId}`,
      ...(bounds === undefined ? {} : { bounds }),
    },
    signal,
  )
}

/** The fingerprint of a plan: the same devices and document make the same submission. */
export const retryFingerprint = (plan: RetryPlan) =>
  fingerprintOf({
    retriedJobId: plan.retriedJobId,
    things: plan.things.map((thing) => thing.thingName),
    document: plan.documentText,
  })

export function useRetryFailedDevices(retriedJobId: string) {
  const { iot } = useAwsClients()
  const queryClient = useQueryClient()
  const { stores, onError } = usePendingSubmission(`retry-${retriedJobId}`)
  return useMutation({
    mutationFn: ({ plan, username }: { plan: RetryPlan; username: string | undefined }) => {
      const nowMs = Date.now()
      const fingerprint = retryFingerprint(plan)
      let pending = findPendingSubmission(stores, fingerprint, nowMs)
      if (pending === undefined) {
        pending = { fingerprint, jobId: newJobId(RETRY_JOB_ID_PREFIX), savedAtMs: nowMs }
        savePendingSubmission(stores, pending)
      }
      return retryFailedDevices(iot, { plan, jobId: pending.jobId, username })
    },
    onSuccess: () => invalidateAfterAction(queryClient, jobsKeys.all),
    onError: (error: Error) => {
      onError(error)
      // The group's name belongs to something else: the next attempt needs a new id.
      if (error instanceof ThingGroupConflictError) clearPendingSubmission(stores)
    },
  })
}
