import {
  DescribeThingCommand,
  DescribeThingGroupCommand,
  SearchIndexCommand,
  type IoTClient,
} from '@aws-sdk/client-iot'
import { thingArn, type AccountScope } from '@domain/arn.ts'
import { MAX_JOB_TARGETS } from '@domain/job-config/create-job-options.ts'
import { THINGS_INDEX_NAME } from '@domain/fleet-index-custom-fields.ts'
import { isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import type { JobTargetChoice } from '../utils/job-target.ts'

/**
 * Thing and thing-group names as the ARNs CreateJob takes, from
 * DescribeThing and DescribeThingGroup (never built by hand: the account id
 * comes from AWS's answer). Names that do not exist are reported all at once
 * so the operator fixes the field in one go. A query target of a SNAPSHOT
 * job is resolved to the things it matches now (resolveQuerySnapshot); a
 * CONTINUOUS one has no ARN until its dynamic group is created at submission.
 */
export class UnknownTargetsError extends Error {
  override readonly name = 'UnknownTargetsError'

  constructor(readonly missing: readonly string[]) {
    super(
      missing.length === 1
        ? `${missing[0]} does not exist.`
        : `These do not exist: ${missing.join(', ')}.`,
    )
  }
}

/** Targets named directly (not by a query), so each has an ARN to read. */
export type NamedJobTarget = Exclude<JobTargetChoice, { kind: 'query' }>

/** Describes at a time: the control plane's per-second limits are per account. */
const DESCRIBES_IN_FLIGHT = 6

async function thingArns(
  iot: IoTClient,
  thingNames: readonly string[],
  signal: AbortSignal | undefined,
): Promise<string[]> {
  const arns: (string | undefined)[] = []
  const missing: string[] = []
  for (let start = 0; start < thingNames.length; start += DESCRIBES_IN_FLIGHT) {
    const batch = thingNames.slice(start, start + DESCRIBES_IN_FLIGHT)
    const described = await Promise.all(
      batch.map(async (thingName) => {
        try {
          const output = await iot.send(new DescribeThingCommand({ thingName }), {
            abortSignal: signal,
          })
          return output.thingArn
        } catch (error) {
          if (!isNotFoundError(error)) throw error
          missing.push(thingName)
          return undefined
        }
      }),
    )
    arns.push(...described)
  }
  if (missing.length > 0) throw new UnknownTargetsError(missing)
  return arns.filter((arn) => arn !== undefined)
}

export async function resolveJobTargets(
  iot: IoTClient,
  target: NamedJobTarget,
  signal?: AbortSignal,
): Promise<string[]> {
  switch (target.kind) {
    case 'thing':
      return thingArns(iot, [target.thingName], signal)
    case 'things':
      return thingArns(iot, target.thingNames, signal)
    case 'group':
      try {
        const output = await iot.send(
          new DescribeThingGroupCommand({ thingGroupName: target.thingGroupName }),
          { abortSignal: signal },
        )
        if (output.thingGroupArn === undefined)
          throw new Error(`AWS returned no ARN for ${target.thingGroupName}.`)
        return [output.thingGroupArn]
      } catch (error) {
        if (isNotFoundError(error)) throw new UnknownTargetsError([target.thingGroupName])
        throw error
      }
  }
}

/** A snapshot query matches more things than one job may target. */
export class TooManyQueryTargetsError extends Error {
  override readonly name = 'TooManyQueryTargetsError'

  constructor() {
    super(
      `The query matches more than ${MAX_JOB_TARGETS} things, the most a snapshot job may target. Choose a continuous job (the query becomes a dynamic thing group) or narrow the query.`,
    )
  }
}

/** The query matches nothing, so a snapshot job would have no target. */
export class NoQueryTargetsError extends Error {
  override readonly name = 'NoQueryTargetsError'

  constructor() {
    super('The query matches no things now, so a snapshot job would reach nobody.')
  }
}

/**
 * The things a fleet-index query matches now, as thing ARNs, for a SNAPSHOT
 * job: a snapshot job runs on its targets as they are at creation, so no
 * dynamic group is needed (nor left behind). SearchIndex returns thing
 * names, not ARNs; the ARNs are built from the account scope AWS reported.
 * At most MAX_JOB_TARGETS: one page of 100, and if AWS says there is more,
 * one more result proves it.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_SearchIndex.html
 */
export async function resolveQuerySnapshot(
  iot: IoTClient,
  { queryString, account }: { queryString: string; account: Required<AccountScope> },
  signal?: AbortSignal,
): Promise<string[]> {
  const first = await iot.send(
    new SearchIndexCommand({
      indexName: THINGS_INDEX_NAME,
      queryString,
      maxResults: MAX_JOB_TARGETS,
    }),
    { abortSignal: signal },
  )
  const names = (first.things ?? [])
    .map((thing) => thing.thingName)
    .filter((name): name is string => name !== undefined && name !== '')
  if (names.length > MAX_JOB_TARGETS) throw new TooManyQueryTargetsError()
  if (first.nextToken !== undefined && first.nextToken !== '') {
    const more = await iot.send(
      new SearchIndexCommand({
        indexName: THINGS_INDEX_NAME,
        queryString,
        maxResults: 1,
        nextToken: first.nextToken,
      }),
      { abortSignal: signal },
    )
    if ((more.things ?? []).length > 0) throw new TooManyQueryTargetsError()
  }
  if (names.length === 0) throw new NoQueryTargetsError()
  return [...new Set(names)].sort().map((name) => thingArn(account, name))
}
