import { MAX_JOB_TARGETS } from '@domain/job-config/create-job-options.ts'

/**
 * How a job made for a list of things (a retry of failed devices, a
 * rollback) targets them. CreateJob takes at most 100 targets, so up to 100
 * things are targeted by ARN; more go into a static thing group named after
 * the job, which the job then targets. The group is bounded too: each thing
 * is one AddThingToThingGroup call, and past some thousands the operator is
 * better served by a group or query job from the wizard.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_CreateJob.html
 */
export const MAX_GROUP_TARGET_THINGS = 10_000

export interface TargetThing {
  readonly thingName: string
  readonly thingArn: string
}

export interface ThingsTargetBounds {
  /** More things than this go into a group; tests lower it to reach the group path. */
  readonly maxThingTargets?: number
  readonly maxGroupThings?: number
}

export type ThingsTarget =
  | { readonly kind: 'arns'; readonly arns: readonly string[] }
  | {
      readonly kind: 'group'
      readonly thingGroupName: string
      readonly things: readonly TargetThing[]
    }

export class TooManyThingsError extends Error {
  override readonly name = 'TooManyThingsError'

  constructor(
    readonly count: number,
    readonly bound: number,
  ) {
    super(
      `${count.toLocaleString('en-US')} devices is more than the ${bound.toLocaleString('en-US')} one job made here may reach (each is added to a thing group one call at a time). Create a job for a thing group or a fleet-index query from the wizard instead.`,
    )
  }
}

/**
 * The static group a job's things are put in, named after the job (as the
 * wizard names a query's dynamic group), so a repeated submission with the
 * same job id finds and completes its own group.
 */
export const jobGroupNameFor = (jobId: string): string => `fleetdeck-${jobId}`

export function thingsTargetFor(
  jobId: string,
  things: readonly TargetThing[],
  {
    maxThingTargets = MAX_JOB_TARGETS,
    maxGroupThings = MAX_GROUP_TARGET_THINGS,
  }: ThingsTargetBounds = {},
): ThingsTarget {
  const unique = [...new Map(things.map((thing) => [thing.thingName, thing])).values()].sort(
    (a, b) => a.thingName.localeCompare(b.thingName),
  )
  if (unique.length > maxGroupThings) throw new TooManyThingsError(unique.length, maxGroupThings)
  if (unique.length <= maxThingTargets)
    return { kind: 'arns', arns: unique.map((thing) => thing.thingArn) }
  return { kind: 'group', thingGroupName: jobGroupNameFor(jobId), things: unique }
}
