import { z } from 'zod'
import { hasAtMostDecimalPlaces, integerInRange } from '../number-rules.ts'

/** AWS caps every rollout rate at 1,000 executions a minute (JobExecutionsRolloutConfig, IoT quotas). */
export const MAX_ROLLOUT_PER_MINUTE = 1000
export const MIN_INCREMENT_FACTOR = 1.1
export const MAX_INCREMENT_FACTOR = 5

const incrementFactorMessage = `Increment factor must be from ${MIN_INCREMENT_FACTOR} to ${MAX_INCREMENT_FACTOR} with at most one decimal place.`

const countThreshold = (label: string) => integerInRange(label, 1, 2_147_483_647)

export const rateIncreaseCriteriaSchema = z
  .strictObject({
    numberOfNotifiedThings: countThreshold('Number of notified things').optional(),
    numberOfSucceededThings: countThreshold('Number of succeeded things').optional(),
  })
  // Either or both: the developer guide's example sets both; the rate grows when either is reached.
  .refine(
    (criteria) =>
      criteria.numberOfNotifiedThings !== undefined ||
      criteria.numberOfSucceededThings !== undefined,
    {
      error:
        'Say when to increase the rate: after a number of notified things, of succeeded things, or both.',
    },
  )

export const exponentialRolloutRateSchema = z.strictObject({
  baseRatePerMinute: integerInRange('Base rate per minute', 1, MAX_ROLLOUT_PER_MINUTE),
  incrementFactor: z
    .number({ error: incrementFactorMessage })
    .min(MIN_INCREMENT_FACTOR, { error: incrementFactorMessage })
    .max(MAX_INCREMENT_FACTOR, { error: incrementFactorMessage })
    .refine((factor) => hasAtMostDecimalPlaces(factor, 1), { error: incrementFactorMessage }),
  rateIncreaseCriteria: rateIncreaseCriteriaSchema,
})

export const jobExecutionsRolloutConfigSchema = z.strictObject({
  maximumPerMinute: integerInRange('Maximum per minute', 1, MAX_ROLLOUT_PER_MINUTE).optional(),
  exponentialRate: exponentialRolloutRateSchema.optional(),
})

export type JobExecutionsRolloutConfig = z.output<typeof jobExecutionsRolloutConfigSchema>
