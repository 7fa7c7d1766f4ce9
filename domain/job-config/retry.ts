import { z } from 'zod'
import { integerInRange } from '../number-rules.ts'

/** REJECTED is never retried, so it is not a retry failure type. */
export const RETRY_FAILURE_TYPES = ['FAILED', 'TIMED_OUT', 'ALL'] as const
export const MAX_RETRIES = 10

export const retryCriteriaSchema = z.strictObject({
  failureType: z.enum(RETRY_FAILURE_TYPES, {
    error: `Retry failure type must be one of ${RETRY_FAILURE_TYPES.join(', ')}.`,
  }),
  numberOfRetries: integerInRange('Number of retries', 0, MAX_RETRIES),
})

export const jobExecutionsRetryConfigSchema = z.strictObject({
  criteriaList: z
    .array(retryCriteriaSchema, { error: 'Retry criteria must be a list.' })
    .min(1, { error: 'Give one or two retry criteria, or no retry configuration.' })
    .max(2, { error: 'AWS allows at most two retry criteria.' })
    .refine((list) => new Set(list.map((criteria) => criteria.failureType)).size === list.length, {
      error: 'Each failure type may appear in only one retry criterion.',
    })
    .refine(
      (list) => list.length === 1 || list.every((criteria) => criteria.failureType !== 'ALL'),
      {
        error: 'ALL already covers FAILED and TIMED_OUT; do not combine it with them.',
      },
    )
    // "Up to 10 retries for both failure types combined" (developer guide, job retry configuration).
    .refine(
      (list) =>
        list.some((criteria) => criteria.numberOfRetries > MAX_RETRIES) ||
        list.reduce((total, criteria) => total + criteria.numberOfRetries, 0) <= MAX_RETRIES,
      {
        error: `A device is retried at most ${MAX_RETRIES} times in all; lower the numbers of retries.`,
      },
    ),
})

export type JobExecutionsRetryConfig = z.output<typeof jobExecutionsRetryConfigSchema>
