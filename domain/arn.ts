/**
 * IoT job targets are thing and thing-group ARNs
 * (arn:{partition}:iot:{region}:{account}:thing/{name}, …:thinggroup/{name}).
 */
export type JobTargetKind = 'thing' | 'thinggroup'

export interface JobTarget {
  readonly kind: JobTargetKind
  readonly partition: string
  readonly region: string
  readonly accountId: string
  readonly name: string
}

export interface AccountScope {
  readonly partition?: string
  readonly region: string
  readonly accountId: string
}

const TARGET_ARN =
  /^arn:(aws[a-zA-Z-]*):iot:([a-z0-9-]+):(\d{12}):(thing|thinggroup)\/([a-zA-Z0-9:_-]{1,128})$/

export function thingArn(scope: AccountScope, thingName: string): string {
  return `arn:${scope.partition ?? 'aws'}:iot:${scope.region}:${scope.accountId}:thing/${thingName}`
}

export function thingGroupArn(scope: AccountScope, thingGroupName: string): string {
  return `arn:${scope.partition ?? 'aws'}:iot:${scope.region}:${scope.accountId}:thinggroup/${thingGroupName}`
}

/** The parts of a thing or thing-group ARN, or undefined for anything else. */
export function parseJobTargetArn(arn: string): JobTarget | undefined {
  const match = TARGET_ARN.exec(arn)
  if (match === null) return undefined
  const [, partition = '', region = '', accountId = '', kind, name = ''] = match
  return { kind: kind as JobTargetKind, partition, region, accountId, name }
}
