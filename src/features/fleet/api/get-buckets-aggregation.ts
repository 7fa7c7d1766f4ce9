import type { IoTClient } from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { FIRMWARE_VERSION_INDEX_FIELD } from '@domain/fleet-index-custom-fields.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { getBucketsAggregation, type BucketsInput } from '@/lib/aws/get-buckets-aggregation.ts'
import { fleetKeys } from './fleet-keys.ts'
import { thingGroupQuery } from '../utils/fleet-search-query.ts'
import { versionDistribution, type VersionDistribution } from '../utils/version-distribution.ts'

/**
 * Versions one group page asks for. A fleet runs a handful of versions at a
 * time; past this the page says the list may be incomplete.
 */
export const VERSION_BUCKETS = 100

/** The one request that gives a group's firmware versions, never one per device. */
export const versionBucketsInput = (thingGroupName: string): BucketsInput => ({
  queryString: thingGroupQuery(thingGroupName),
  aggregationField: FIRMWARE_VERSION_INDEX_FIELD,
  maxBuckets: VERSION_BUCKETS,
})

export const versionDistributionOptions = (iot: IoTClient, thingGroupName: string) => {
  const input = versionBucketsInput(thingGroupName)
  return queryOptions({
    queryKey: fleetKeys.buckets(input),
    queryFn: ({ signal }) => getBucketsAggregation(iot, input, signal),
    select: (result): VersionDistribution => versionDistribution(result, input.maxBuckets),
  })
}

export function useVersionDistribution(thingGroupName: string, { enabled = true } = {}) {
  const { iot } = useAwsClients()
  return useQuery({ ...versionDistributionOptions(iot, thingGroupName), enabled })
}
