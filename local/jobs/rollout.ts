import type { JobRecord } from '../state/records.ts'

/**
 * How fast a job notifies things (jobExecutionsRolloutConfig). Without a
 * configuration AWS rolls out at 1,000 things a minute; maximumPerMinute
 * caps the rate, including an exponential one, which starts at
 * baseRatePerMinute and is multiplied by incrementFactor each time the
 * number of notified or succeeded things since the last increase reaches its
 * criterion. Within a minute notifications are spread out, so a rate of 600
 * gives about 10 a second rather than 600 at once.
 */
export const DEFAULT_ROLLOUT_PER_MINUTE = 1000
const MINUTE_MS = 60_000

export type RolloutState = Pick<
  JobRecord,
  | 'rolloutRatePerMinute'
  | 'rolloutNotifiedSinceIncrease'
  | 'rolloutSucceededSinceIncrease'
  | 'rolloutWindowStartMs'
  | 'rolloutWindowCount'
>

export function rolloutCap(job: Pick<JobRecord, 'jobExecutionsRolloutConfig'>): number {
  return job.jobExecutionsRolloutConfig?.maximumPerMinute ?? DEFAULT_ROLLOUT_PER_MINUTE
}

export function initialRolloutState(
  job: Pick<JobRecord, 'jobExecutionsRolloutConfig'>,
  nowMs: number,
): RolloutState {
  const exponential = job.jobExecutionsRolloutConfig?.exponentialRate
  return {
    rolloutRatePerMinute: Math.min(
      rolloutCap(job),
      exponential?.baseRatePerMinute ?? rolloutCap(job),
    ),
    rolloutNotifiedSinceIncrease: 0,
    rolloutSucceededSinceIncrease: 0,
    rolloutWindowStartMs: nowMs,
    rolloutWindowCount: 0,
  }
}

/** How many more things may be notified now, and the window state to store. */
export function rolloutAllowance(
  state: RolloutState,
  nowMs: number,
): { allowed: number; window: Pick<RolloutState, 'rolloutWindowStartMs' | 'rolloutWindowCount'> } {
  let windowStart = state.rolloutWindowStartMs
  let count = state.rolloutWindowCount
  if (nowMs - windowStart >= MINUTE_MS) {
    windowStart += Math.floor((nowMs - windowStart) / MINUTE_MS) * MINUTE_MS
    count = 0
  }
  const rate = state.rolloutRatePerMinute
  // Credit one second's worth at the start of each window so a rollout starts at once.
  const elapsed = Math.min(MINUTE_MS, nowMs - windowStart + 1000)
  const permitted = Math.min(rate, Math.ceil((rate * elapsed) / MINUTE_MS))
  return {
    allowed: Math.max(0, permitted - count),
    window: { rolloutWindowStartMs: windowStart, rolloutWindowCount: count },
  }
}

/** Counts `notified` more things (and `succeeded` more successes) and grows an exponential rate when its criteria are met. */
export function advanceRollout(
  job: Pick<JobRecord, 'jobExecutionsRolloutConfig'>,
  state: RolloutState,
  { notified = 0, succeeded = 0 }: { notified?: number; succeeded?: number },
): RolloutState {
  const exponential = job.jobExecutionsRolloutConfig?.exponentialRate
  const next = {
    ...state,
    rolloutWindowCount: state.rolloutWindowCount + notified,
    rolloutNotifiedSinceIncrease: state.rolloutNotifiedSinceIncrease + notified,
    rolloutSucceededSinceIncrease: state.rolloutSucceededSinceIncrease + succeeded,
  }
  if (exponential === undefined) return next
  const { numberOfNotifiedThings, numberOfSucceededThings } = exponential.rateIncreaseCriteria
  const reached =
    (numberOfNotifiedThings !== undefined &&
      next.rolloutNotifiedSinceIncrease >= numberOfNotifiedThings) ||
    (numberOfSucceededThings !== undefined &&
      next.rolloutSucceededSinceIncrease >= numberOfSucceededThings)
  if (!reached) return next
  return {
    ...next,
    rolloutRatePerMinute: Math.min(
      rolloutCap(job),
      Math.floor(next.rolloutRatePerMinute * exponential.incrementFactor),
    ),
    rolloutNotifiedSinceIncrease: 0,
    rolloutSucceededSinceIncrease: 0,
  }
}
