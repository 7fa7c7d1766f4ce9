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
    const spent = advanceRollout({}, state, { notified: 60 })
    expect(rolloutAllowance(spent, T0 + 59_500).allowed).toBe(0)
    const nextMinute = rolloutAllowance(spent, T0 + 61_000)
    expect(nextMinute).toEqual({
      allowed: 2,
      window: { rolloutWindowStartMs: T0 + 60_000, rolloutWindowCount: 0 },
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
})
