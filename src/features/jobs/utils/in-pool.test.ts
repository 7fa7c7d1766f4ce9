import { describe, expect, it } from 'vitest'
import { mapInPool } from './in-pool.ts'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('mapInPool', () => {
  it('keeps at most `concurrency` calls in flight and answers in order', async () => {
    let inFlight = 0
    let most = 0
    const results = await mapInPool([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight += 1
      most = Math.max(most, inFlight)
      await tick()
      inFlight -= 1
      return item * 10
    })
    expect(results).toEqual([10, 20, 30, 40, 50, 60, 70])
    expect(most).toBe(3)
  })

  it('stops starting calls after the first failure', async () => {
    const started: number[] = []
    await expect(
      mapInPool([1, 2, 3, 4, 5], 1, async (item) => {
        started.push(item)
        await tick()
        if (item === 2) throw new Error('boom')
        return item
      }),
    ).rejects.toThrow('boom')
    expect(started).toEqual([1, 2])
    expect(await mapInPool([], 4, () => Promise.resolve(1))).toEqual([])
  })
})
