import { describe, expect, it } from 'vitest'
import { EMPTY_COUNTS } from './execution-counts.ts'
import {
  appendToTimeline,
  MAX_TIMELINE_POINTS,
  type ExecutionTimeline,
} from './execution-timeline.ts'

const counts = (succeeded: number) => ({ ...EMPTY_COUNTS, SUCCEEDED: succeeded })

describe('appendToTimeline', () => {
  it('adds a point per change and none for unchanged counts', () => {
    let timeline: ExecutionTimeline = []
    timeline = appendToTimeline(timeline, 0, counts(0))
    timeline = appendToTimeline(timeline, 5_000, counts(0))
    timeline = appendToTimeline(timeline, 6_000, counts(1))
    expect(timeline.map((point) => [point.atMs, point.counts.SUCCEEDED])).toEqual([
      [0, 0],
      [6_000, 1],
    ])
  })

  it('coalesces changes within a second into the last point', () => {
    let timeline = appendToTimeline([], 0, counts(0))
    timeline = appendToTimeline(timeline, 2_000, counts(1))
    timeline = appendToTimeline(timeline, 2_300, counts(2))
    timeline = appendToTimeline(timeline, 2_600, counts(3))
    expect(timeline.map((point) => [point.atMs, point.counts.SUCCEEDED])).toEqual([
      [0, 0],
      [2_000, 3],
    ])
  })

  it('never goes back in time', () => {
    let timeline = appendToTimeline([], 10_000, counts(0))
    timeline = appendToTimeline(timeline, 4_000, counts(1))
    expect(timeline.map((point) => point.atMs)).toEqual([10_000])
    timeline = appendToTimeline(timeline, 20_000, counts(2))
    expect(timeline.map((point) => point.atMs)).toEqual([10_000, 20_000])
  })

  it('stays bounded, keeping the newest points and the first', () => {
    let timeline: ExecutionTimeline = []
    for (let second = 0; second < MAX_TIMELINE_POINTS * 3; second += 1)
      timeline = appendToTimeline(timeline, second * 1_000, counts(second))
    expect(timeline.length).toBeLessThanOrEqual(MAX_TIMELINE_POINTS)
    expect(timeline[0]?.atMs).toBe(0)
    expect(timeline.at(-1)?.counts.SUCCEEDED).toBe(MAX_TIMELINE_POINTS * 3 - 1)
  })
})
