import { numberOf } from './query-matcher.ts'
import type { IndexValue } from './thing-document.ts'
import type { IndexFieldType } from './records.ts'

/**
 * The arithmetic of the aggregation operations, over the values of one field
 * in the things a query matched. A value whose type differs from the field's
 * declared type is left out: "the Fleet Indexing service ignores the
 * inconsistent value for aggregation queries".
 * https://docs.aws.amazon.com/iot/latest/developerguide/index-aggregate.html
 */

/** The values of the declared type; numbers as numbers, booleans as 0 and 1 where arithmetic needs them. */
export function valuesOfType(values: readonly IndexValue[], type: IndexFieldType): IndexValue[] {
  switch (type) {
    case 'Number':
      return values.filter((value) => numberOf(value) !== undefined)
    case 'Boolean':
      return values.filter(
        (value) => typeof value === 'boolean' || value === 'true' || value === 'false',
      )
    case 'String':
      return values.filter((value) => typeof value === 'string')
  }
}

export interface Statistics {
  readonly count: number
  readonly average?: number
  readonly sum?: number
  readonly minimum?: number
  readonly maximum?: number
  readonly sumOfSquares?: number
  readonly variance?: number
  readonly stdDeviation?: number
}

/** GetStatistics on a Number field: every statistic, variance over the whole population. */
export function numberStatistics(numbers: readonly number[]): Statistics {
  const count = numbers.length
  if (count === 0) return { count }
  let sum = 0
  let sumOfSquares = 0
  let minimum = Infinity
  let maximum = -Infinity
  for (const number of numbers) {
    sum += number
    sumOfSquares += number * number
    minimum = Math.min(minimum, number)
    maximum = Math.max(maximum, number)
  }
  const average = sum / count
  const variance = Math.max(0, sumOfSquares / count - average * average)
  return {
    count,
    average,
    sum,
    minimum,
    maximum,
    sumOfSquares,
    variance,
    stdDeviation: Math.sqrt(variance),
  }
}

/**
 * GetStatistics on a Boolean field: average is the share of true, minimum
 * and maximum 0 or 1, sum the number of true values.
 */
export function booleanStatistics(booleans: readonly boolean[]): Statistics {
  const count = booleans.length
  if (count === 0) return { count }
  const sum = booleans.filter(Boolean).length
  return {
    count,
    average: sum / count,
    sum,
    minimum: sum === count ? 1 : 0,
    maximum: sum > 0 ? 1 : 0,
  }
}

export interface Bucket {
  readonly keyValue: string
  readonly count: number
}

/**
 * A terms aggregation: how many things have each value (a thing counts once
 * per distinct value it has), most frequent first, ties by value.
 */
export function termsBuckets(
  valuesPerThing: Iterable<readonly IndexValue[]>,
  maxBuckets: number,
): Bucket[] {
  const counts = new Map<string, number>()
  for (const values of valuesPerThing) {
    for (const key of new Set(values.map(String))) counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts]
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, maxBuckets)
    .map(([keyValue, count]) => ({ keyValue, count }))
}

/** AWS's percentile groupings when a request names none. */
export const DEFAULT_PERCENTS = [1, 5, 25, 50, 75, 95, 99] as const

/**
 * Each percentile by linear interpolation between the closest ranks (AWS
 * estimates them; on small sets the two can differ slightly). No values, no
 * percentiles, as AWS answers.
 */
export function percentiles(
  numbers: readonly number[],
  percents: readonly number[],
): { percent: number; value: number }[] {
  if (numbers.length === 0) return []
  const sorted = [...numbers].sort((a, b) => a - b)
  return percents.map((percent) => {
    const rank = (percent / 100) * (sorted.length - 1)
    const below = Math.floor(rank)
    const low = sorted[below] ?? 0
    const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low
    return { percent, value: low + (high - low) * (rank - below) }
  })
}
