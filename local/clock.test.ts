import { describe, expect, it } from 'vitest'
import { createScaledClock, reanchor } from './clock.ts'

describe('scaled clock', () => {
  it('runs emulated time `speed` times faster from its anchor', () => {
    let real = 1_000
    const clock = createScaledClock({
      speed: 60,
      anchor: { realMs: 1_000, emulatedMs: 5_000_000 },
      realNow: () => real,
    })
    expect(clock.now()).toBe(5_000_000)
    real += 1_000
    expect(clock.now()).toBe(5_060_000)
    expect(clock.realDelayFor(60_000)).toBe(1_000)
  })

  it('re-anchors at a new speed without a jump', () => {
    const anchor = reanchor({ realMs: 0, emulatedMs: 0 }, 60, 10_000)
    expect(anchor).toEqual({ realMs: 10_000, emulatedMs: 600_000 })
    const clock = createScaledClock({ speed: 1, anchor, realNow: () => 11_000 })
    expect(clock.now()).toBe(601_000)
  })
})
