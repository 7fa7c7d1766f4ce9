import { GetBucketsAggregationCommand, type IoTClient } from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { FIRMWARE_VERSION_INDEX_FIELD } from '@domain/fleet-index-custom-fields.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { fleetKeys } from './fleet-keys.ts'
import { thingGroupQuery } from '../utils/fleet-search-query.ts'
import { THINGS_INDEX_NAME } from '@domain/fleet-index-custom-fields.ts'
import { versionDistribution, type VersionDistribution } from '../utils/version-distribution.ts'

/**
 * A terms aggregation: how many matching things hold each value of a custom
 * field, and how many matched in all. The field must be a managed field or
 * one of the indexing configuration's customFields.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_GetBucketsAggregation.html
 */
export interface BucketsInput {
  readonly queryString: string
  readonly aggregationField: string
  /** termsAggregation.maxBuckets: 1 to 10,000. */
  readonly maxBuckets: number
}

export interface BucketsResult {
  readonly totalCount: number
  readonly buckets: readonly { keyValue: string; count: number }[]
}

/**
 * Versions one group page asks for. A fleet runs a handful of versions at a
 * time; past this the page says the list may be incomplete.
 */
export const VERSION_BUCKETS = 100

export async function getBucketsAggregation(
  iot: IoTClient,
  { queryString, aggregationField, maxBuckets }: BucketsInput,
  signal?: AbortSignal,
): Promise<BucketsResult> {
  const output = await iot.send(
    new GetBucketsAggregationCommand({
      indexName: THINGS_INDEX_NAME,
      queryString,
      aggregationField,
      bucketsAggregationType: { termsAggregation: { maxBuckets } },
    }),
    { abortSignal: signal },
  )
  return {
    totalCount: output.totalCount ?? 0,
    buckets: (output.buckets ?? []).map((bucket) => ({
      keyValue: bucket.keyValue ?? '',
      count: bucket.count ?? 0,
    })),
  }
}

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
