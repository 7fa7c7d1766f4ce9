import type { IoTClient } from '@aws-sdk/client-iot'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { installDocument } from '../utils/firmware-job-form.ts'
import { rollbackJobOptions } from '../utils/rollback-plan.ts'
import type { ThingsTargetBounds } from '../utils/things-target.ts'
import { JobIdConflictError } from './create-job.ts'
import { createJobForThings } from './create-job-for-things.ts'
import type { RollbackPlanRead } from './get-rollback-plan.ts'
import { invalidateAfterAction } from './action-plan-keys.ts'
import { jobsKeys } from './jobs-keys.ts'

/**
 * Creates the rollback jobs of a plan (get-rollback-plan.ts), one forced
 * install per previous version, one after the other. Each job's id follows
 * from the bad job and the version (utils/rollback-plan.ts), so a double
 * click, a reload or a second visit can never create a second rollback: a
 * job already there (planned as existing, or found now as a conflict) is
 * reported, not made again. The document is the wizard's install document
 * for the release (IoT pre-signs its URL), forced, since going back is a
 * downgrade the devices otherwise refuse.
 */
export interface RollBackJobInput {
  readonly plan: RollbackPlanRead
  readonly username: string | undefined
  readonly firmwareBucket: string
  readonly region: string
  readonly bounds?: ThingsTargetBounds
}

export interface RollbackJobOutcome {
  readonly jobId: string
  readonly version: string
  readonly devices: number
  /** False when the job existed already (an earlier click made it). */
  readonly created: boolean
}

/** Some rollback jobs were made, then one could not be: running the rollback again finishes it. */
export class RollbackIncompleteError extends Error {
  override readonly name = 'RollbackIncompleteError'

  constructor(
    readonly done: readonly RollbackJobOutcome[],
    readonly version: string,
    override readonly cause: unknown,
  ) {
    super(`The rollback to ${version} could not be created.`)
  }
}

export async function rollBackJob(
  iot: IoTClient,
  { plan, username, firmwareBucket, region, bounds }: RollBackJobInput,
  signal?: AbortSignal,
): Promise<RollbackJobOutcome[]> {
  const account = plan.account
  if (account === undefined)
    throw new Error('The job touched no device: there is nothing to roll back.')
  const existing = new Set(plan.existing.map((job) => job.jobId))
  const outcomes: RollbackJobOutcome[] = []
  for (const job of plan.jobs) {
    const outcome = { jobId: job.jobId, version: job.release.version, devices: job.things.length }
    if (existing.has(job.jobId)) {
      outcomes.push({ ...outcome, created: false })
      continue
    }
    try {
      const created = await createJobForThings(
        iot,
        {
          jobId: job.jobId,
          things: job.things,
          document: installDocument(job.release, { forced: true, bucket: firmwareBucket, region }),
          options: rollbackJobOptions({ badJobId: plan.badJobId, job, account, username }),
          groupDescription: `Devices rolled back from ${plan.badJobId} to ${job.release.version}`,
          ...(bounds === undefined ? {} : { bounds }),
        },
        signal,
      )
      outcomes.push({ ...outcome, created: created.created })
    } catch (error) {
      // The id is this rollback's and nobody else's: another click made it meanwhile.
      if (error instanceof JobIdConflictError) outcomes.push({ ...outcome, created: false })
      else if (outcomes.length > 0)
        throw new RollbackIncompleteError(outcomes, outcome.version, error)
      else throw error
    }
  }
  return outcomes
}

export function useRollBackJob() {
  const { iot, config } = useAwsClients()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ plan, username }: { plan: RollbackPlanRead; username: string | undefined }) =>
      rollBackJob(iot, {
        plan,
        username,
        firmwareBucket: config.firmwareBucket,
        region: config.region,
      }),
    onSettled: () => invalidateAfterAction(queryClient, jobsKeys.all),
  })
}
