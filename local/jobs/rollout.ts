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

export interface RolloutAllowance {
  /** How many more things may be notified now. */
  readonly allowed: number
  /** The window state to store once `notified` things have been notified. */
  settle(notified: number): Pick<RolloutState, 'rolloutWindowStartMs' | 'rolloutWindowCount'>
}

/**
 * Each minute may notify `rate` things. When ticks are further apart than a
 * minute (a fast clock), the unused capacity of the minutes that ended is
 * credited too, so the rate holds however coarse the ticks are.
 */
export function rolloutAllowance(state: RolloutState, nowMs: number): RolloutAllowance {
  const rate = state.rolloutRatePerMinute
  let windowStart = state.rolloutWindowStartMs
  let count = state.rolloutWindowCount
  let backlog = 0
  const endedWindows = Math.floor((nowMs - windowStart) / MINUTE_MS)
  if (endedWindows >= 1) {
    backlog = Math.max(0, rate - count) + (endedWindows - 1) * rate
    windowStart += endedWindows * MINUTE_MS
    count = 0
  }
  // Credit one second's worth at the start of each window so a rollout starts at once.
  const elapsed = Math.min(MINUTE_MS, nowMs - windowStart + 1000)
  const permitted = Math.min(rate, Math.ceil((rate * elapsed) / MINUTE_MS))
  return {
    allowed: backlog + Math.max(0, permitted - count),
    settle: (notified) => ({
      rolloutWindowStartMs: windowStart,
      rolloutWindowCount: count + Math.max(0, notified - backlog),
    }),
  }
}

/** Counts `notified` and `succeeded` things and grows an exponential rate once for each criterion met. */
export function advanceRollout(
  job: Pick<JobRecord, 'jobExecutionsRolloutConfig'>,
  state: RolloutState,
  { notified = 0, succeeded = 0 }: { notified?: number; succeeded?: number },
): RolloutState {
  const exponential = job.jobExecutionsRolloutConfig?.exponentialRate
  let next: RolloutState = {
    ...state,
    rolloutNotifiedSinceIncrease: state.rolloutNotifiedSinceIncrease + notified,
    rolloutSucceededSinceIncrease: state.rolloutSucceededSinceIncrease + succeeded,
  }
  if (exponential === undefined) return next
  const { numberOfNotifiedThings, numberOfSucceededThings } = exponential.rateIncreaseCriteria
  for (;;) {
    const byNotified =
      numberOfNotifiedThings !== undefined &&
      next.rolloutNotifiedSinceIncrease >= numberOfNotifiedThings
    const bySucceeded =
      numberOfSucceededThings !== undefined &&
      next.rolloutSucceededSinceIncrease >= numberOfSucceededThings
    if (!byNotified && !bySucceeded) return next
    // Counting starts again after each increase; what went past the criterion carries over.
    next = {
      ...next,
      rolloutRatePerMinute: Math.min(
        rolloutCap(job),
        Math.floor(next.rolloutRatePerMinute * exponential.incrementFactor),
      ),
      rolloutNotifiedSinceIncrease: byNotified
        ? next.rolloutNotifiedSinceIncrease - (numberOfNotifiedThings ?? 0)
        : 0,
      rolloutSucceededSinceIncrease: bySucceeded
        ? next.rolloutSucceededSinceIncrease - (numberOfSucceededThings ?? 0)
        : 0,
    }
  }
}
