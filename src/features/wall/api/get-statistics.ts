import { GetStatisticsCommand, type IoTClient } from '@aws-sdk/client-iot'
import { THINGS_INDEX_NAME } from '@domain/fleet-index-custom-fields.ts'

/**
 * How many things a fleet-index query matches, in one call whatever the
 * fleet's size. Without an aggregationField AWS aggregates
 * `registry.version`, which every thing has, so `count` is the number of
 * matching things. The wall asks it for the whole fleet and for the
 * connected devices (get-fleet-totals.ts).
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
