import { describe, expect, it } from 'vitest'
import { pipelinedMap } from './pipelined-map.ts'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Resolves when the signal aborts, rejecting with its reason as the SDK does. */
const untilAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason as Error)
    signal.addEventListener('abort', () => reject(signal.reason as Error))
  })

describe('pipelinedMap', () => {
  it('prepares in order one at a time, sends at most `limit` at once, keeps the order', async () => {
    const prepared: number[] = []
    let preparing = 0
    let sending = 0
    let mostSending = 0
    let held = 0
    let mostHeld = 0
    const results = await pipelinedMap([30, 5, 20, 1, 10, 2], {
      limit: 2,
      prepare: async (n) => {
        preparing++
        expect(preparing).toBe(1)
        await sleep(1)
        preparing--
        prepared.push(n)
        held++
        mostHeld = Math.max(mostHeld, held)
        return n * 10
      },
      send: async (n, tens) => {
        sending++
        mostSending = Math.max(mostSending, sending)
        await sleep(n)
        sending--
        held--
        return `${n}:${tens}`
      },
    })
    expect(results).toEqual(['30:300', '5:50', '20:200', '1:10', '10:100', '2:20'])
    expect(prepared).toEqual([30, 5, 20, 1, 10, 2])
    expect(mostSending).toBe(2)
    // What is in memory: the parts being sent and the one prepared next.
    expect(mostHeld).toBeLessThanOrEqual(3)
  })

  it('handles no items', async () => {
    const none = await pipelinedMap([], {
      limit: 3,
      prepare: () => Promise.reject(new Error('not called')),
      send: () => Promise.reject(new Error('not called')),
    })
    expect(none).toEqual([])
  })

  it('stops everything on the first failed send, and throws once the others settled', async () => {
    const prepared: number[] = []
    const settled: string[] = []
    const attempt = pipelinedMap([1, 2, 3, 4, 5], {
      limit: 2,
      prepare: (n) => {
        prepared.push(n)
        return Promise.resolve(n)
      },
      send: async (n, _, signal) => {
        if (n === 2) {
          await sleep(5)
          throw new Error('part 2 failed')
        }
        try {
          return await untilAborted(signal)
        } finally {
          await sleep(10)
          settled.push(`${n} ${signal.aborted ? 'aborted' : 'done'}`)
        }
      },
    })
    await expect(attempt).rejects.toThrow('part 2 failed')
    expect(settled).toEqual(['1 aborted'])
    expect(prepared).toEqual([1, 2, 3])
  })

  it('stops on a failed prepare, after the sends in flight settled', async () => {
    let inFlight = 0
    const attempt = pipelinedMap([1, 2, 3], {
      limit: 3,
      prepare: (n) => (n === 3 ? Promise.reject(new Error('unreadable')) : Promise.resolve(n)),
      send: async (_, __, signal) => {
        inFlight++
        try {
          return await untilAborted(signal)
        } finally {
          inFlight--
        }
      },
    })
    await expect(attempt).rejects.toThrow('unreadable')
    expect(inFlight).toBe(0)
  })

  it('stops on the caller’s abort with its reason', async () => {
    const controller = new AbortController()
    const sendSignals: AbortSignal[] = []
    const attempt = pipelinedMap([1, 2, 3], {
      limit: 1,
      signal: controller.signal,
      prepare: (n) => Promise.resolve(n),
      send: (n, _, signal) => {
        sendSignals.push(signal)
        if (n === 1) controller.abort(new Error('cancelled'))
        return untilAborted(signal)
      },
    })
    await expect(attempt).rejects.toThrow('cancelled')
    expect(sendSignals.map((signal) => signal.aborted)).toEqual([true])
  })

  it('prepares nothing when already aborted, and refuses a limit under 1', async () => {
    let prepared = 0
    const options = {
      prepare: () => Promise.resolve(prepared++),
      send: () => Promise.resolve(0),
    }
    await expect(
      pipelinedMap([1], { ...options, limit: 1, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' })
    expect(prepared).toBe(0)
    await expect(pipelinedMap([1], { ...options, limit: 0 })).rejects.toThrow(RangeError)
  })
})
