import type { IoTClient } from '@aws-sdk/client-iot'
import { parseJobTargetArn, thingGroupArn } from '@domain/arn.ts'
import {
  thingsTargetFor,
  type TargetThing,
  type ThingsTargetBounds,
} from '../utils/things-target.ts'
import { createJob, createJobRequest, type CreatedJob } from './create-job.ts'
import { createThingGroupOfThings } from './create-thing-group.ts'

/**
 * A job for a list of things (a retry of failed devices, one rollback job):
 * up to 100 things are the job's targets; more go into a static thing group
 * named after the job (utils/things-target.ts), which the job targets. The
 * request is validated before the group is made, so bad input creates
 * nothing; after that every step is repeatable with the same job id
 * (createJob treats its own earlier job as success, the group is completed
 * rather than duplicated).
 */
export interface JobForThings {
  readonly jobId: string
  readonly things: readonly TargetThing[]
  /** A document value, or a VerbatimJobDocument. */
  readonly document: unknown
  /** CreateJob options without targets. */
  readonly options: Readonly<Record<string, unknown>>
  /** Written on the group, so a repeated CreateThingGroup matches it. */
  readonly groupDescription: string
  readonly bounds?: ThingsTargetBounds
}

export interface CreatedJobForThings extends CreatedJob {
  /** The static group the job targets, when there were too many things to target one by one. */
  readonly thingGroupName?: string
}

export async function createJobForThings(
  iot: IoTClient,
  input: JobForThings,
  signal?: AbortSignal,
): Promise<CreatedJobForThings> {
  const { jobId, document, options } = input
  const target = thingsTargetFor(jobId, input.things, input.bounds)
  if (target.kind === 'arns') {
    return createJob(
      iot,
      { jobId, document, options: { ...options, targets: [...target.arns] } },
      signal,
    )
  }
  // The group's ARN is known once it exists; validate with the one it will have.
  const scope = parseJobTargetArn(target.things[0]?.thingArn ?? '')
  if (scope !== undefined) {
    createJobRequest({
      jobId,
      document,
      options: { ...options, targets: [thingGroupArn(scope, target.thingGroupName)] },
    })
  }
  const groupArn = await createThingGroupOfThings(
    iot,
    {
      thingGroupName: target.thingGroupName,
      description: input.groupDescription,
      thingNames: target.things.map((thing) => thing.thingName),
    },
    signal,
  )
  const created = await createJob(
    iot,
    { jobId, document, options: { ...options, targets: [groupArn] } },
    signal,
  )
  return { ...created, thingGroupName: target.thingGroupName }
}
