import { z } from 'zod'
import { identifierProblem, STATUS_DETAILS_KEY_RULE } from './identifiers.ts'
import { codePointLength } from './number-rules.ts'
import { validateWith, type Validated } from './validation.ts'

/**
 * Limits of a job execution's statusDetails (JobExecutionStatusDetails,
 * UpdateJobExecution): at most 10 pairs; keys 1–128 of [a-zA-Z0-9:_-]; values
 * 1–1024 characters with no control or other non-printing characters
 * (pattern [^\p{C}]+). An old quota table says 128 for values; the current
 * model and API reference say 1024, and we follow the model.
 */
export const MAX_STATUS_DETAILS_PAIRS = 10
export const MAX_STATUS_DETAILS_VALUE_LENGTH = 1024

export type StatusDetails = Readonly<Record<string, string>>

const NON_PRINTING = /\p{C}/u

export function statusDetailsValueProblem(key: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return `Status detail "${key}" must be text.`
  const length = codePointLength(value)
  if (length === 0) return `Status detail "${key}" must not be empty.`
  if (length > MAX_STATUS_DETAILS_VALUE_LENGTH) {
    return `Status detail "${key}" must be at most ${MAX_STATUS_DETAILS_VALUE_LENGTH} characters; it has ${length}.`
  }
  if (NON_PRINTING.test(value)) {
    return `Status detail "${key}" contains a control or non-printing character.`
  }
  return undefined
}

export const statusDetailsSchema = z
  .record(z.string(), z.unknown(), {
    error: 'Status details must be an object of names to text values.',
  })
  .superRefine((details, context) => {
    const keys = Object.keys(details)
    if (keys.length > MAX_STATUS_DETAILS_PAIRS) {
      context.addIssue({
        code: 'custom',
        message: `Status details may hold at most ${MAX_STATUS_DETAILS_PAIRS} pairs; this has ${keys.length}.`,
      })
    }
    for (const key of keys) {
      const problem =
        identifierProblem(STATUS_DETAILS_KEY_RULE, key) ??
        statusDetailsValueProblem(key, details[key])
      if (problem !== undefined) context.addIssue({ code: 'custom', message: problem, path: [key] })
    }
  })
  .transform((details) => details as StatusDetails)

export function validateStatusDetails(value: unknown): Validated<StatusDetails> {
  return validateWith(statusDetailsSchema, value)
}
