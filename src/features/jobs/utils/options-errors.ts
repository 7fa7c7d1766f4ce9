import { validateCreateJobOptions } from '@domain/job-config/create-job-options.ts'
import type { Validated } from '@domain/validation.ts'
import type { MergedJobDocument } from '@domain/job-document-merge.ts'
import {
  fieldOfIssue,
  MAX_OPERATOR_URL_EXPIRY_HOURS,
  type JobOptionsForm,
} from './firmware-job-form.ts'

export type OptionErrors = Partial<Record<keyof JobOptionsForm | 'targets' | 'document', string>>

/**
 * Every problem with the options step, at its field: CreateJob's members
 * through the domain validator (AWS's limits), the merged document, and the
 * operator-presigned URL's expiry. The first problem per field is shown.
 */
export function optionsStepErrors(
  form: JobOptionsForm,
  input: Readonly<Record<string, unknown>>,
  merged: Validated<MergedJobDocument>,
  nowMs: number,
): OptionErrors {
  const errors: OptionErrors = {}
  const add = (field: keyof OptionErrors, message: string) => {
    errors[field] ??= message
  }
  const options = validateCreateJobOptions(input, { nowMs })
  if (!options.ok)
    for (const issue of options.issues) add(fieldOfIssue(issue.path, input), issue.message)
  if (!merged.ok)
    for (const issue of merged.issues)
      add('document', issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`)
  if (form.urlMode === 'operator-presigned') {
    const hours = Number(form.operatorUrlExpiryHours)
    if (!Number.isInteger(hours) || hours < 1 || hours > MAX_OPERATOR_URL_EXPIRY_HOURS) {
      add(
        'operatorUrlExpiryHours',
        `URL expiry must be a whole number of hours from 1 to ${MAX_OPERATOR_URL_EXPIRY_HOURS} (7 days).`,
      )
    }
  }
  return errors
}
