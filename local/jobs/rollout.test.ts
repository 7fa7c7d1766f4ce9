import { describe, expect, it } from 'vitest'
import {
  advanceRollout,
  DEFAULT_ROLLOUT_PER_MINUTE,
  initialRolloutState,
  rolloutAllowance,
} from './rollout.ts'

const T0 = Date.UTC(2026, 10, 22)

describe('rollout rate', () => {
  it('defaults to 1,000 a minute and starts an exponential rate at its base, under the cap', () => {
    expect(initialRolloutState({}, T0).rolloutRatePerMinute).toBe(DEFAULT_ROLLOUT_PER_MINUTE)
    const exponential = {
      jobExecutionsRolloutConfig: {
        maximumPerMinute: 50,
        exponentialRate: {
          baseRatePerMinute: 80,
          incrementFactor: 2,
          rateIncreaseCriteria: { numberOfNotifiedThings: 10 },
        },
      },
    }
    expect(initialRolloutState(exponential, T0).rolloutRatePerMinute).toBe(50)
  })

  it('spreads a minute’s allowance over the minute and resets it each minute', () => {
    const state = initialRolloutState({ jobExecutionsRolloutConfig: { maximumPerMinute: 60 } }, T0)
    expect(rolloutAllowance(state, T0).allowed).toBe(1)
    expect(rolloutAllowance(state, T0 + 29_000).allowed).toBe(30)
    expect(rolloutAllowance(state, T0 + 59_000).allowed).toBe(60)
    const spent = { ...state, ...rolloutAllowance(state, T0 + 59_000).settle(60) }
    expect(rolloutAllowance(spent, T0 + 59_500).allowed).toBe(0)
    const nextMinute = rolloutAllowance(spent, T0 + 61_000)
    expect(nextMinute.allowed).toBe(2)
    expect(nextMinute.settle(2)).toEqual({
      rolloutWindowStartMs: T0 + 60_000,
      rolloutWindowCount: 2,
    })
  })

  it('credits the unused capacity of minutes that ended between two ticks', () => {
    const state = initialRolloutState({ jobExecutionsRolloutConfig: { maximumPerMinute: 10 } }, T0)
    const afterFirst = { ...state, ...rolloutAllowance(state, T0).settle(1) }
    const later = rolloutAllowance(afterFirst, T0 + 3 * 60_000 + 100)
    // 9 left in the first minute, 10 in each of the next two, 1 to start the fourth.
    expect(later.allowed).toBe(9 + 20 + 1)
    expect(later.settle(30)).toEqual({
      rolloutWindowStartMs: T0 + 3 * 60_000,
      rolloutWindowCount: 1,
    })
  })

  it('multiplies an exponential rate when a criterion is met, and caps it', () => {
    const job = {
      jobExecutionsRolloutConfig: {
        maximumPerMinute: 30,
        exponentialRate: {
          baseRatePerMinute: 4,
          incrementFactor: 2.5,
          rateIncreaseCriteria: { numberOfNotifiedThings: 5, numberOfSucceededThings: 3 },
        },
      },
    }
    let state = initialRolloutState(job, T0)
    state = advanceRollout(job, state, { notified: 4 })
    expect(state.rolloutRatePerMinute).toBe(4)
    state = advanceRollout(job, state, { notified: 1 })
    expect(state).toMatchObject({ rolloutRatePerMinute: 10, rolloutNotifiedSinceIncrease: 0 })
    state = advanceRollout(job, state, { succeeded: 3 })
    expect(state.rolloutRatePerMinute).toBe(25)
    state = advanceRollout(job, state, { notified: 5 })
    expect(state.rolloutRatePerMinute).toBe(30)
  })

  it('grows once for each criterion met within one step, carrying the remainder', () => {
    const job = {
      jobExecutionsRolloutConfig: {
        maximumPerMinute: 1000,
        exponentialRate: {
          baseRatePerMinute: 2,
          incrementFactor: 2,
          rateIncreaseCriteria: { numberOfNotifiedThings: 3 },
        },
      },
    }
    const state = advanceRollout(job, initialRolloutState(job, T0), { notified: 10 })
    expect(state).toMatchObject({ rolloutRatePerMinute: 16, rolloutNotifiedSinceIncrease: 1 })
  })
})
