import {
  DescribeThingCommand,
  DescribeThingGroupCommand,
  type IoTClient,
} from '@aws-sdk/client-iot'
import type { JobTargetChoice } from '../utils/job-target.ts'

/**
 * A configuration job's targets as CreateJob takes them: ARNs, read from
 * DescribeThing and DescribeThingGroup rather than built, so they carry the
 * real account and partition, and a name that does not exist is refused
 * (ResourceNotFoundException) before any job is created.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_DescribeThing.html
 */
export type ConfigJobTarget = Extract<JobTargetChoice, { kind: 'thing' | 'things' | 'group' }>

/** Describes at a time: the control plane's per-second limits are per account. */
const DESCRIBES_IN_FLIGHT = 5

async function thingArnOf(iot: IoTClient, thingName: string, signal?: AbortSignal) {
  const output = await iot.send(new DescribeThingCommand({ thingName }), { abortSignal: signal })
  if (output.thingArn === undefined) throw new Error(`AWS returned no ARN for ${thingName}.`)
  return output.thingArn
}

export async function resolveConfigTargets(
  iot: IoTClient,
  target: ConfigJobTarget,
  signal?: AbortSignal,
): Promise<string[]> {
  switch (target.kind) {
    case 'thing':
      return [await thingArnOf(iot, target.thingName, signal)]
    case 'group': {
      const output = await iot.send(
        new DescribeThingGroupCommand({ thingGroupName: target.thingGroupName }),
        { abortSignal: signal },
      )
      if (output.thingGroupArn === undefined)
        throw new Error(`AWS returned no ARN for ${target.thingGroupName}.`)
      return [output.thingGroupArn]
    }
    case 'things': {
      const arns: string[] = []
      for (let start = 0; start < target.thingNames.length; start += DESCRIBES_IN_FLIGHT) {
        const batch = target.thingNames.slice(start, start + DESCRIBES_IN_FLIGHT)
        arns.push(...(await Promise.all(batch.map((name) => thingArnOf(iot, name, signal)))))
      }
      return arns
    }
  }
}
