import { GetBucketsAggregationCommand, type IoTClient } from '@aws-sdk/client-iot'
import { THINGS_INDEX_NAME } from '@domain/fleet-index-custom-fields.ts'

/**
 * A terms aggregation: how many matching things hold each value of a field
 * (a managed field or one of the indexing configuration's customFields),
 * and how many matched in all: one call whatever the fleet's size. The
 * fleet's group page asks it for a group's versions, the wall for the
 * devices per model and per version.
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
