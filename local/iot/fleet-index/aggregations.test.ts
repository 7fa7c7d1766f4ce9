import { describe, expect, it } from 'vitest'
import {
  booleanStatistics,
  numberStatistics,
  percentiles,
  termsBuckets,
  valuesOfType,
} from './aggregations.ts'

describe('numberStatistics', () => {
  it('gives the guide’s example figures', () => {
    // The developer guide's example: three values summing to 100, from -125 to 150.
    const statistics = numberStatistics([-125, 75, 150])
    expect(statistics).toMatchObject({
      count: 3,
      sum: 100,
      minimum: -125,
      maximum: 150,
      sumOfSquares: 43750,
    })
    expect(statistics.average).toBeCloseTo(33.333333333333336, 10)
    expect(statistics.variance).toBeCloseTo(13472.22222222222, 8)
    expect(statistics.stdDeviation).toBeCloseTo(116.06990230986766, 10)
  })

  it('counts nothing when no value matched', () => {
    expect(numberStatistics([])).toEqual({ count: 0 })
  })
})

describe('booleanStatistics', () => {
  it.each([
    [[true, true], { count: 2, average: 1, sum: 2, minimum: 1, maximum: 1 }],
    [[false, false], { count: 2, average: 0, sum: 0, minimum: 0, maximum: 0 }],
    [[true, false, false, false], { count: 4, average: 0.25, sum: 1, minimum: 0, maximum: 1 }],
    [[], { count: 0 }],
  ])('%j', (values, expected) => {
    expect(booleanStatistics(values)).toEqual(expected)
  })
})

describe('termsBuckets', () => {
  it('counts things per value, most frequent first, ties by value, at most maxBuckets', () => {
    const things = [['1.0.0'], ['1.1.0'], ['1.1.0'], ['2.0.0'], ['2.0.0'], ['2.0.0'], ['0.9.0']]
    expect(termsBuckets(things, 10)).toEqual([
      { keyValue: '2.0.0', count: 3 },
      { keyValue: '1.1.0', count: 2 },
      { keyValue: '0.9.0', count: 1 },
      { keyValue: '1.0.0', count: 1 },
    ])
    expect(termsBuckets(things, 2)).toHaveLength(2)
  })

  it('counts a thing once per distinct value', () => {
    expect(termsBuckets([['a', 'a', 'b'], ['a']], 10)).toEqual([
      { keyValue: 'a', count: 2 },
      { keyValue: 'b', count: 1 },
    ])
  })

  it('writes numbers and booleans as text', () => {
    expect(termsBuckets([[true], [3]], 10)).toEqual([
      { keyValue: '3', count: 1 },
      { keyValue: 'true', count: 1 },
    ])
  })
})

describe('percentiles', () => {
  it('interpolates between the closest ranks', () => {
    expect(percentiles([1, 2, 3, 4, 5], [0, 25, 50, 90, 100])).toEqual([
      { percent: 0, value: 1 },
      { percent: 25, value: 2 },
      { percent: 50, value: 3 },
      { percent: 90, value: 4.6 },
      { percent: 100, value: 5 },
    ])
  })

  it('has none without values', () => {
    expect(percentiles([], [50])).toEqual([])
  })
})

describe('valuesOfType', () => {
  it.each([
    ['Number', [1, '2', 'x', true], [1, '2']],
    ['String', [1, '2', 'x', true], ['2', 'x']],
    ['Boolean', [1, 'true', 'x', false], ['true', false]],
  ] as const)('keeps %s values only', (type, values, expected) => {
    expect(valuesOfType(values, type)).toEqual(expected)
  })
})
