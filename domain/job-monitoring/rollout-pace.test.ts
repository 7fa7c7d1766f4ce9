import { describe, expect, it } from 'vitest'
import { EMPTY_COUNTS } from './execution-counts.ts'
import { rolloutPace } from './rollout-pace.ts'

const point = (atMs: number, succeeded: number, queued: number) => ({
  atMs,
  counts: { ...EMPTY_COUNTS, SUCCEEDED: succeeded, QUEUED: queued },
})

describe('rolloutPace', () => {
  it('is unknown before the page has watched for long enough', () => {
    expect(rolloutPace([point(0, 0, 10)], 5_000).perMinute).toBeUndefined()
  })

  it('measures finished executions per minute and the time left at that pace', () => {
    const pace = rolloutPace([point(0, 0, 100), point(60_000, 20, 80)], 60_000)
    expect(pace.perMinute).toBeCloseTo(20)
    expect(pace.remaining).toBe(80)
    expect(pace.etaMs).toBeCloseTo(4 * 60_000)
  })

  it('slows down when nothing has finished lately, and has no ETA when stalled', () => {
    const timeline = [point(0, 0, 10), point(60_000, 10, 0)]
    expect(rolloutPace(timeline, 60_000).etaMs).toBe(0)
    const stalled = [point(0, 0, 10)]
    expect(rolloutPace(stalled, 120_000)).toEqual({ perMinute: 0, etaMs: undefined, remaining: 10 })
  })

  it('only looks at the last five minutes', () => {
    const timeline = [point(0, 0, 100), point(60_000, 50, 50), point(10 * 60_000, 50, 50)]
    expect(rolloutPace(timeline, 10 * 60_000).perMinute).toBe(0)
  })
})
