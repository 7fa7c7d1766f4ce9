import { describe, expect, it } from 'vitest'
import { createRandom } from './random.ts'
import { createManualScheduler } from './scheduler.ts'

describe('the fleet scheduler', () => {
  it('runs tasks in due order, each at its own time, and skips cancelled ones', () => {
    const scheduler = createManualScheduler()
    const ran: string[] = []
    scheduler.after(30, () => ran.push(`c@${scheduler.now()}`))
    scheduler.after(10, () => {
      ran.push(`a@${scheduler.now()}`)
      scheduler.after(5, () => ran.push(`a2@${scheduler.now()}`))
    })
    const cancel = scheduler.after(20, () => ran.push('cancelled'))
    cancel()
    scheduler.advance(25)
    expect(ran).toEqual(['a@10', 'a2@15'])
    scheduler.advance(10)
    expect(ran).toEqual(['a@10', 'a2@15', 'c@30'])
  })
})

describe('the seeded random source', () => {
  it('repeats for a seed, and forks per device independently of the others', () => {
    const draws = (seed: number) => Array.from({ length: 3 }, createRandom(seed).next)
    expect(draws(1)).toEqual(draws(1))
    expect(draws(1)).not.toEqual(draws(2))
    expect(createRandom(1).fork('a').next()).toBe(createRandom(1).fork('a').next())
  })
})
