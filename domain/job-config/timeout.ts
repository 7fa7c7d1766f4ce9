import { z } from 'zod'
import { integerInRange } from '../number-rules.ts'

/** 1 minute to 7 days (TimeoutConfig.inProgressTimeoutInMinutes; the same range bounds step timeouts). */
export const MAX_IN_PROGRESS_TIMEOUT_MINUTES = 10_080

export const timeoutConfigSchema = z.strictObject({
  inProgressTimeoutInMinutes: integerInRange(
    'In-progress timeout (minutes)',
    1,
    MAX_IN_PROGRESS_TIMEOUT_MINUTES,
  ),
})

export type TimeoutConfig = z.output<typeof timeoutConfigSchema>
