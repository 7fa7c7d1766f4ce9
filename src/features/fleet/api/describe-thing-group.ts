import {
  DescribeThingGroupCommand,
  type DescribeThingGroupResponse,
  type IoTClient,
} from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { fleetKeys } from './fleet-keys.ts'

/**
 * A thing group's description. A dynamic group is one defined by a
 * fleet-index query: only dynamic groups carry `queryString` (with
 * `indexName`, `queryVersion` and a `status` of ACTIVE, BUILDING or
 * REBUILDING); static groups have members added by hand.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_DescribeThingGroup.html
 * https://docs.aws.amazon.com/iot/latest/developerguide/dynamic-thing-groups.html
 */
export type ThingGroupKind = 'static' | 'dynamic'

export interface ThingGroupDetail {
  readonly thingGroupName: string
  readonly thingGroupArn?: string
  readonly kind: ThingGroupKind
  readonly description?: string
  /** Dynamic groups only. */
  readonly queryString?: string
  /** Dynamic groups only: while BUILDING or REBUILDING, membership is still being worked out. */
  readonly status?: string
  readonly parentGroupName?: string
  /** From the root down to the parent. */
  readonly ancestors: readonly string[]
  readonly attributes: Readonly<Record<string, string>>
  readonly creationDate?: Date
}

export function thingGroupDetailOf(
  output: DescribeThingGroupResponse,
  thingGroupName: string,
): ThingGroupDetail {
  const metadata = output.thingGroupMetadata
  const properties = output.thingGroupProperties
  const description = properties?.thingGroupDescription
  return {
    thingGroupName: output.thingGroupName ?? thingGroupName,
    ...(output.thingGroupArn === undefined ? {} : { thingGroupArn: output.thingGroupArn }),
    kind: output.queryString ? 'dynamic' : 'static',
    ...(description ? { description } : {}),
    ...(output.queryString ? { queryString: output.queryString } : {}),
    ...(output.status === undefined ? {} : { status: output.status }),
    ...(metadata?.parentGroupName ? { parentGroupName: metadata.parentGroupName } : {}),
    ancestors: (metadata?.rootToParentThingGroups ?? []).map((group) => group.groupName ?? ''),
    attributes: properties?.attributePayload?.attributes ?? {},
    ...(metadata?.creationDate === undefined ? {} : { creationDate: metadata.creationDate }),
  }
}

export async function describeThingGroup(
  iot: IoTClient,
  thingGroupName: string,
  signal?: AbortSignal,
): Promise<ThingGroupDetail> {
  const output = await iot.send(new DescribeThingGroupCommand({ thingGroupName }), {
    abortSignal: signal,
  })
  return thingGroupDetailOf(output, thingGroupName)
}

export const describeThingGroupOptions = (iot: IoTClient, thingGroupName: string) =>
  queryOptions({
    queryKey: fleetKeys.groupDescription(thingGroupName),
    queryFn: ({ signal }) => describeThingGroup(iot, thingGroupName, signal),
  })

export function useDescribeThingGroup(thingGroupName: string, { enabled = true } = {}) {
  const { iot } = useAwsClients()
  return useQuery({ ...describeThingGroupOptions(iot, thingGroupName), enabled })
}
