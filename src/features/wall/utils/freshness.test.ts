import { describe, expect, it } from 'vitest'
import { ageText, combinedFreshness, freshnessOf, staleAfterMs } from './freshness.ts'

const NOW = Date.UTC(2026, 5, 1, 12)

describe('ageText', () => {
  it('reads at a glance', () => {
    expect(ageText(0)).toBe('just now')
    expect(ageText(4_999)).toBe('just now')
    expect(ageText(12_400)).toBe('12 s ago')
    expect(ageText(59_999)).toBe('59 s ago')
    expect(ageText(60_000)).toBe('1 min ago')
    expect(ageText(3_599_999)).toBe('59 min ago')
    expect(ageText(2 * 3_600_000)).toBe('2 h ago')
    expect(ageText(3 * 86_400_000)).toBe('3 days ago')
    expect(ageText(-5_000)).toBe('just now')
  })
})

describe('freshnessOf', () => {
  it('waits until the panel has data', () => {
    expect(freshnessOf(undefined, NOW, 10_000)).toEqual({
      state: 'waiting',
      updatedAtMs: undefined,
      ageMs: undefined,
      text: 'waiting for data',
    })
    // TanStack's dataUpdatedAt is 0 before the first answer.
    expect(freshnessOf(0, NOW, 10_000).state).toBe('waiting')
  })

  it('is fresh until two refreshes and a grace have been missed, then stale', () => {
    const limit = staleAfterMs(10_000)
    expect(limit).toBe(25_000)
    expect(freshnessOf(NOW - 12_000, NOW, 10_000)).toEqual({
      state: 'fresh',
      updatedAtMs: NOW - 12_000,
      ageMs: 12_000,
      text: 'updated 12 s ago',
    })
    expect(freshnessOf(NOW - limit, NOW, 10_000).state).toBe('fresh')
    expect(freshnessOf(NOW - limit - 1, NOW, 10_000)).toMatchObject({
      state: 'stale',
      text: 'updated 25 s ago',
    })
    expect(freshnessOf(NOW - 120_000, NOW, 60_000).state).toBe('fresh')
    expect(freshnessOf(NOW - 3 * 60_000, NOW, 60_000)).toMatchObject({
      state: 'stale',
      text: 'updated 3 min ago',
    })
  })

  it('never shows a negative age when the screen clock steps back', () => {
    expect(freshnessOf(NOW + 30_000, NOW, 10_000)).toEqual({
      state: 'fresh',
      updatedAtMs: NOW + 30_000,
      ageMs: 0,
      text: 'updated just now',
    })
  })
})

describe('combinedFreshness', () => {
  it('is as old as the oldest source and stale when any source is', () => {
    const fresh = combinedFreshness(
      [
        { updatedAtMs: NOW - 5_000, expectedIntervalMs: 30_000 },
        { updatedAtMs: NOW - 20_000, expectedIntervalMs: 30_000 },
      ],
      NOW,
    )
    expect(fresh).toEqual({
      state: 'fresh',
      updatedAtMs: NOW - 20_000,
      ageMs: 20_000,
      text: 'updated 20 s ago',
    })
    // The newer source has the shorter interval and is the one past its limit.
    const stale = combinedFreshness(
      [
        { updatedAtMs: NOW - 30_000, expectedIntervalMs: 10_000 },
        { updatedAtMs: NOW - 40_000, expectedIntervalMs: 30_000 },
      ],
      NOW,
    )
    expect(stale).toEqual({
      state: 'stale',
      updatedAtMs: NOW - 40_000,
      ageMs: 40_000,
      text: 'updated 40 s ago',
    })
  })

  it('waits while any source has no data, or when there is none', () => {
    expect(
      combinedFreshness(
        [
          { updatedAtMs: NOW - 5_000, expectedIntervalMs: 30_000 },
          { updatedAtMs: 0, expectedIntervalMs: 30_000 },
        ],
        NOW,
      ).state,
    ).toBe('waiting')
    expect(combinedFreshness([], NOW).state).toBe('waiting')
  })
})
