import { ListThingGroupsCommand, type IoTClient } from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { fleetKeys } from './fleet-keys.ts'

/**
 * Thing groups, static and dynamic alike, a page at a time, optionally by
 * name prefix. The list holds names and ARNs only; whether a group is
 * dynamic comes from DescribeThingGroup.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_ListThingGroups.html
 */
export interface ThingGroupsPage {
  readonly thingGroups: readonly { readonly groupName: string; readonly groupArn?: string }[]
  readonly nextToken?: string
}

/**
 * Groups per page. Each visible group costs one DescribeThingGroup and one
 * GetStatistics, so a page stays small enough not to run into the
 * control plane's per-second limits.
 */
export const THING_GROUPS_PAGE_SIZE = 20

export interface ListThingGroupsInput {
  readonly namePrefixFilter?: string | undefined
  readonly nextToken?: string | undefined
}

export async function listThingGroups(
  iot: IoTClient,
  { namePrefixFilter, nextToken }: ListThingGroupsInput,
  signal?: AbortSignal,
): Promise<ThingGroupsPage> {
  const output = await iot.send(
    new ListThingGroupsCommand({
      maxResults: THING_GROUPS_PAGE_SIZE,
      ...(namePrefixFilter ? { namePrefixFilter } : {}),
      ...(nextToken === undefined ? {} : { nextToken }),
    }),
    { abortSignal: signal },
  )
  const thingGroups = (output.thingGroups ?? []).map((group) => ({
    groupName: group.groupName ?? '',
    ...(group.groupArn === undefined ? {} : { groupArn: group.groupArn }),
  }))
  return output.nextToken ? { thingGroups, nextToken: output.nextToken } : { thingGroups }
}

export const listThingGroupsOptions = (iot: IoTClient, input: ListThingGroupsInput) =>
  queryOptions({
    queryKey: fleetKeys.groupList(input.namePrefixFilter || null, input.nextToken ?? null),
    queryFn: ({ signal }) => listThingGroups(iot, input, signal),
  })

export function useListThingGroups(input: ListThingGroupsInput, { enabled = true } = {}) {
  const { iot } = useAwsClients()
  return useQuery({ ...listThingGroupsOptions(iot, input), enabled })
}
