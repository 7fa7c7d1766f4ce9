import { describe, expect, it } from 'vitest'
import { DeadlineQueue } from './deadline-queue.ts'

describe('DeadlineQueue', () => {
  it('pops what is due in time order and keeps the rest', () => {
    const queue = new DeadlineQueue()
    const times = [50, 10, 40, 30, 20, 60, 10]
    times.forEach((at, index) => queue.push(at, `k${index}`))
    expect(queue.peek()).toBe(10)
    expect(queue.popDue(30)).toEqual(expect.arrayContaining(['k1', 'k6', 'k4', 'k3']))
    expect(queue.size).toBe(3)
    expect(queue.popDue(45)).toEqual(['k2'])
    expect(queue.popDue(1_000)).toEqual(['k0', 'k5'])
    expect(queue.peek()).toBeUndefined()
  })

  it('orders many random deadlines', () => {
    const queue = new DeadlineQueue()
    const times = Array.from({ length: 500 }, (_, index) => (index * 7919) % 1000)
    times.forEach((at, index) => queue.push(at, String(index)))
    const popped = queue.popDue(Infinity).map((key) => times[Number(key)] ?? -1)
    expect(popped).toEqual([...times].sort((a, b) => a - b))
  })
})
