import { GetStatisticsCommand, type IoTClient } from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { fleetKeys } from './fleet-keys.ts'
import { THINGS_INDEX_NAME } from '@domain/fleet-index-custom-fields.ts'

/**
 * How many things a fleet-index query matches, in one call whatever the
 * fleet's size. Without an aggregationField AWS aggregates `registry.version`,
 * which every thing has, so `count` is the number of matching things.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_GetStatistics.html
 */
export async function getStatistics(
  iot: IoTClient,
  queryString: string,
  signal?: AbortSignal,
): Promise<number> {
  const output = await iot.send(
    new GetStatisticsCommand({ indexName: THINGS_INDEX_NAME, queryString }),
    { abortSignal: signal },
  )
  return output.statistics?.count ?? 0
}

export const statisticsOptions = (iot: IoTClient, queryString: string) =>
  queryOptions({
    queryKey: fleetKeys.statistics(queryString),
    queryFn: ({ signal }) => getStatistics(iot, queryString, signal),
  })

/** The count of things a query matches (a group's members: `thingGroupQuery(name)`). */
export function useStatistics(queryString: string, { enabled = true } = {}) {
  const { iot } = useAwsClients()
  return useQuery({ ...statisticsOptions(iot, queryString), enabled })
}
