import { invalidRequest } from '../../../edge/aws-error.ts'
import {
  bodyObject,
  optionalInteger,
  optionalObject,
  optionalString,
  requiredString,
} from '../../../edge/input.ts'
import type { Operation } from '../../../edge/service.ts'
import {
  booleanStatistics,
  DEFAULT_PERCENTS,
  numberStatistics,
  percentiles,
  termsBuckets,
  valuesOfType,
} from '../aggregations.ts'
import type { FleetIndex } from '../fleet-index.ts'
import {
  aggregationField,
  matchingValues,
  requestQuery,
  requireThingIndex,
} from '../index-queries.ts'
import { numberOf } from '../query-matcher.ts'
import type { IndexValue } from '../thing-document.ts'

/**
 * GetStatistics, GetBucketsAggregation, GetCardinality and GetPercentiles:
 * the things a query matches, summed up over one managed or custom field.
 * https://docs.aws.amazon.com/iot/latest/developerguide/index-aggregate.html
 */

/** "If you don't specify an aggregation field, registry.version is used." */
const DEFAULT_AGGREGATION_FIELD = 'registry.version'
/** termsAggregation.maxBuckets: 1 to 10,000, 10 by default. */
export const MAX_BUCKETS_LIMIT = 10_000
export const DEFAULT_MAX_BUCKETS = 10
/** At most 100 requested percentiles. */
export const MAX_PERCENTS = 100

const toNumbers = (values: readonly IndexValue[]) =>
  values.map((value) => numberOf(value)).filter((number): number is number => number !== undefined)

/** The request's index, query and field, and the typed values of that field in the matching things. */
function aggregate(
  index: FleetIndex,
  body: unknown,
  allowed?: Parameters<typeof aggregationField>[2],
  fieldRequired = false,
) {
  const input = bodyObject(body)
  requireThingIndex(index, input)
  const { predicate } = requestQuery(input)
  const name = fieldRequired
    ? requiredString(input, 'aggregationField')
    : (optionalString(input, 'aggregationField') ?? DEFAULT_AGGREGATION_FIELD)
  const { field, type } = aggregationField(index, name, allowed)
  const { matched, valuesPerThing } = matchingValues(index, predicate, field)
  const typed = valuesPerThing
    .map((values) => valuesOfType(values, type))
    .filter((values) => values.length > 0)
  return { input, type, matched, typed }
}

export const getStatistics = (index: FleetIndex): Operation => ({
  name: 'GetStatistics',
  handle: ({ body }) => {
    const { type, typed } = aggregate(index, body)
    const values = typed.flat()
    switch (type) {
      case 'String':
        // "returns a count of devices that have attributes that match the query"
        return { statistics: { count: typed.length } }
      case 'Boolean':
        return {
          statistics: booleanStatistics(values.map((value) => value === true || value === 'true')),
        }
      case 'Number':
        return { statistics: numberStatistics(toNumbers(values)) }
    }
  },
})

export const getBucketsAggregation = (index: FleetIndex): Operation => ({
  name: 'GetBucketsAggregation',
  handle: ({ body }) => {
    const { input, matched, typed } = aggregate(index, body, undefined, true)
    const bucketsType = optionalObject(input, 'bucketsAggregationType')
    if (bucketsType === undefined) throw invalidRequest('bucketsAggregationType is required.')
    const terms = optionalObject(bucketsType, 'termsAggregation')
    if (terms === undefined)
      throw invalidRequest('bucketsAggregationType.termsAggregation is required.')
    const maxBuckets = optionalInteger(terms, 'maxBuckets') ?? DEFAULT_MAX_BUCKETS
    if (maxBuckets < 1 || maxBuckets > MAX_BUCKETS_LIMIT)
      throw invalidRequest(`termsAggregation.maxBuckets must be from 1 to ${MAX_BUCKETS_LIMIT}.`)
    return { totalCount: matched, buckets: termsBuckets(typed, maxBuckets) }
  },
})

export const getCardinality = (index: FleetIndex): Operation => ({
  name: 'GetCardinality',
  handle: ({ body }) => {
    const { typed } = aggregate(index, body)
    return { cardinality: new Set(typed.flat().map(String)).size }
  },
})

export const getPercentiles = (index: FleetIndex): Operation => ({
  name: 'GetPercentiles',
  handle: ({ body }) => {
    const { input, typed } = aggregate(index, body, ['Number'])
    const requested = input.percents
    let percents: readonly number[] = DEFAULT_PERCENTS
    if (requested !== undefined && requested !== null) {
      if (
        !Array.isArray(requested) ||
        requested.length > MAX_PERCENTS ||
        requested.some((percent) => typeof percent !== 'number' || percent < 0 || percent > 100)
      )
        throw invalidRequest(`percents must be at most ${MAX_PERCENTS} numbers from 0 to 100.`)
      percents = requested as number[]
    }
    return { percentiles: percentiles(toNumbers(typed.flat()), percents) }
  },
})
