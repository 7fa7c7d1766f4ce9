import {
  DescribeThingCommand,
  DescribeThingGroupCommand,
  type IoTClient,
} from '@aws-sdk/client-iot'
import { isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import type { JobTargetChoice } from '../utils/job-target.ts'

/**
 * Thing and thing-group names as the ARNs CreateJob takes, from
 * DescribeThing and DescribeThingGroup (never built by hand: the account id
 * comes from AWS's answer). Names that do not exist are reported all at once
 * so the operator fixes the field in one go. A query target has no ARN until
 * its dynamic group is created at submission.
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
  target: Exclude<JobTargetChoice, { kind: 'query' }>,
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
        return output.thingGroupArn === undefined ? [] : [output.thingGroupArn]
      } catch (error) {
        if (isNotFoundError(error)) throw new UnknownTargetsError([target.thingGroupName])
        throw error
      }
  }
}
