import type { IoTClient } from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import {
  ALL_THINGS_QUERY,
  fleetTotalsOf,
  modelBucketsInput,
  modelVersionsOf,
  modelVersionsQuery,
  ONLINE_QUERY,
  shownModels,
  versionBucketsInput,
  type FleetTotals,
  type ModelVersions,
} from '../utils/fleet-totals.ts'
import { WALL_SCHEDULE } from '../utils/wall-schedule.ts'
import { getBucketsAggregation } from '@/lib/aws/get-buckets-aggregation.ts'
import { getStatistics } from './get-statistics.ts'
import { wallKeys } from './wall-keys.ts'

/**
 * The fleet panel's numbers as one query, so they come from the same moment
 * and the panel has one "updated … ago": GetStatistics twice (devices,
 * online) and GetBucketsAggregation once for the models and once per model
 * shown (utils/fleet-totals.ts), one after the other to stay well inside
 * the aggregation APIs' per-second limits. Never a list of things.
 */
export async function getFleetTotals(iot: IoTClient, signal?: AbortSignal): Promise<FleetTotals> {
  const devices = await getStatistics(iot, ALL_THINGS_QUERY, signal)
  const online = await getStatistics(iot, ONLINE_QUERY, signal)
  const modelAnswer = await getBucketsAggregation(iot, modelBucketsInput, signal)
  const models: ModelVersions[] = []
  for (const model of shownModels(modelAnswer)) {
    const queryString = modelVersionsQuery(model)
    if (queryString === undefined) continue
    const versions = await getBucketsAggregation(iot, versionBucketsInput(queryString), signal)
    models.push(modelVersionsOf(model, versions))
  }
  return fleetTotalsOf({ devices, online, models })
}

export const fleetTotalsOptions = (iot: IoTClient) =>
  queryOptions({
    queryKey: wallKeys.fleetTotals(),
    queryFn: ({ signal }) => getFleetTotals(iot, signal),
    refetchInterval: WALL_SCHEDULE.fleetTotalsMs,
    // The wall is rarely the focused window, and must keep moving.
    refetchIntervalInBackground: true,
    staleTime: WALL_SCHEDULE.fleetTotalsMs / 2,
  })

export function useFleetTotals() {
  const { iot } = useAwsClients()
  return useQuery(fleetTotalsOptions(iot))
}
