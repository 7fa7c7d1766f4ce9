import { z } from 'zod'
import { hasAtMostDecimalPlaces, integerInRange } from '../number-rules.ts'

export const ABORT_FAILURE_TYPES = ['FAILED', 'REJECTED', 'TIMED_OUT', 'ALL'] as const

const thresholdMessage =
  'Threshold must be a percentage from 0 to 100 with at most two decimal places.'

/** AbortCriteria: all four fields are required by the model; the only action is CANCEL. */
export const abortCriteriaSchema = z.strictObject({
  failureType: z.enum(ABORT_FAILURE_TYPES, {
    error: `Failure type must be one of ${ABORT_FAILURE_TYPES.join(', ')}.`,
  }),
  action: z.literal('CANCEL', { error: 'The only abort action AWS offers is CANCEL.' }),
  thresholdPercentage: z
    .number({ error: thresholdMessage })
    .min(0, { error: thresholdMessage })
    .max(100, { error: thresholdMessage })
    .refine((percentage) => hasAtMostDecimalPlaces(percentage, 2), { error: thresholdMessage }),
  minNumberOfExecutedThings: integerInRange('Minimum number of executed things', 1, 2_147_483_647),
})

export const abortConfigSchema = z.strictObject({
  criteriaList: z
    .array(abortCriteriaSchema, { error: 'Abort criteria must be a list.' })
    .min(1, { error: 'Give at least one abort criterion, or no abort configuration.' })
    // Two criteria for one failure type leave it unclear which threshold the operator meant.
    .refine((list) => new Set(list.map((criteria) => criteria.failureType)).size === list.length, {
      error: 'Each failure type may appear in only one abort criterion.',
    }),
})

export type AbortConfig = z.output<typeof abortConfigSchema>
