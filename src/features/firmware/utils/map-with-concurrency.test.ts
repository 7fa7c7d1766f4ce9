import { describe, expect, it } from 'vitest'
import { mapWithConcurrency } from './map-with-concurrency.ts'

describe('mapWithConcurrency', () => {
  it('keeps the order of the items and never runs more than the limit', async () => {
    let running = 0
    let most = 0
    const result = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (n) => {
      running++
      most = Math.max(most, running)
      await new Promise((resolve) => setTimeout(resolve, n))
      running--
      return n * 10
    })
    expect(result).toEqual([50, 10, 40, 20, 30])
    expect(most).toBe(2)
  })

  it('handles no items', async () => {
    expect(await mapWithConcurrency([], 4, () => Promise.resolve(1))).toEqual([])
  })

  it('rejects with the first failure and starts nothing more', async () => {
    const started: number[] = []
    await expect(
      mapWithConcurrency([1, 2, 3, 4], 1, (n) => {
        started.push(n)
        return n === 2 ? Promise.reject(new Error('two')) : Promise.resolve(n)
      }),
    ).rejects.toThrow('two')
    expect(started).toEqual([1, 2])
  })
})
