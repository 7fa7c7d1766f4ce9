import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BATCH_INTERVAL_MS, createBatcher } from './event-batcher.ts'

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('createBatcher', () => {
  it('hands a burst over in one batch on the next turn', async () => {
    const batches: number[][] = []
    const batcher = createBatcher<number>((items) => batches.push([...items]))
    for (let index = 0; index < 5; index += 1) batcher.add(index)
    expect(batches).toEqual([])
    await vi.advanceTimersByTimeAsync(0)
    expect(batches).toEqual([[0, 1, 2, 3, 4]])
  })

  it('flushes at most once per interval under a steady stream', async () => {
    const batches: number[][] = []
    const batcher = createBatcher<number>((items) => batches.push([...items]))
    // 1,000 items a second for 2 s: one every millisecond.
    for (let ms = 0; ms < 2_000; ms += 1) {
      batcher.add(ms)
      await vi.advanceTimersByTimeAsync(1)
    }
    await vi.advanceTimersByTimeAsync(BATCH_INTERVAL_MS)
    expect(batches.length).toBeLessThanOrEqual(2_000 / BATCH_INTERVAL_MS + 1)
    expect(batches.length).toBeGreaterThanOrEqual(2_000 / BATCH_INTERVAL_MS)
    expect(batches.flat()).toEqual(Array.from({ length: 2_000 }, (_, index) => index))
  })

  it('does not hold back a lone event after a quiet interval', async () => {
    const delivered: number[] = []
    const batcher = createBatcher<number>((items) => delivered.push(...items))
    batcher.add(1)
    await vi.advanceTimersByTimeAsync(0)
    await vi.advanceTimersByTimeAsync(5_000)
    batcher.add(2)
    await vi.advanceTimersByTimeAsync(0)
    expect(delivered).toEqual([1, 2])
  })

  it('waits out the interval after a flush', async () => {
    const delivered: number[] = []
    const batcher = createBatcher<number>((items) => delivered.push(...items))
    batcher.add(1)
    await vi.advanceTimersByTimeAsync(0)
    batcher.add(2)
    await vi.advanceTimersByTimeAsync(BATCH_INTERVAL_MS - 1)
    expect(delivered).toEqual([1])
    await vi.advanceTimersByTimeAsync(1)
    expect(delivered).toEqual([1, 2])
  })

  it('drops what waits and stops when disposed', async () => {
    const delivered: number[] = []
    const batcher = createBatcher<number>((items) => delivered.push(...items))
    batcher.add(1)
    batcher.dispose()
    batcher.add(2)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(delivered).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })
})
