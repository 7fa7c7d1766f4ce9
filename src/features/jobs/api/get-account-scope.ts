import { ListThingGroupsCommand, ListThingsCommand, type IoTClient } from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { parseJobTargetArn, type AccountScope } from '@domain/arn.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { jobsKeys } from './jobs-keys.ts'

/**
 * The account and partition the dashboard works in, read from an ARN AWS
 * returns (never hard-coded, and the browser has no STS): the pre-signing
 * role's ARN and a query target's group ARN need them before anything is
 * created. One ListThings (or ListThingGroups) of one item, cached for the
 * session.
 */
export class UnknownAccountError extends Error {
  override readonly name = 'UnknownAccountError'

  constructor() {
    super('Could not learn the AWS account id: this account has no things or thing groups yet.')
  }
}

export async function getAccountScope(
  iot: IoTClient,
  signal?: AbortSignal,
): Promise<Required<AccountScope>> {
  const things = await iot.send(new ListThingsCommand({ maxResults: 1 }), { abortSignal: signal })
  let arn = things.things?.[0]?.thingArn
  if (arn === undefined) {
    const groups = await iot.send(new ListThingGroupsCommand({ maxResults: 1 }), {
      abortSignal: signal,
    })
    arn = groups.thingGroups?.[0]?.groupArn
  }
  const parsed = arn === undefined ? undefined : parseJobTargetArn(arn)
  if (parsed === undefined) throw new UnknownAccountError()
  return { partition: parsed.partition, region: parsed.region, accountId: parsed.accountId }
}

export const accountScopeOptions = (iot: IoTClient) =>
  queryOptions({
    queryKey: [...jobsKeys.all, 'account'] as const,
    queryFn: ({ signal }) => getAccountScope(iot, signal),
    staleTime: Number.POSITIVE_INFINITY,
  })

export function useAccountScope() {
  const { iot } = useAwsClients()
  return useQuery(accountScopeOptions(iot))
}
