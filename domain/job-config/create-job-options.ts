import { z } from 'zod'
import { parseJobTargetArn } from '../arn.ts'
import { codePointLength } from '../number-rules.ts'
import { validateWith, type Validated, type ValidationIssue } from '../validation.ts'
import { abortConfigSchema } from './abort.ts'
import { presignedUrlConfigSchema } from './presigned-url.ts'
import { jobExecutionsRetryConfigSchema } from './retry.ts'
import { jobExecutionsRolloutConfigSchema } from './rollout.ts'
import {
  schedulingConfigSchema,
  schedulingTimeIssues,
  type SchedulingContext,
} from './scheduling.ts'
import { timeoutConfigSchema } from './timeout.ts'

/** Limits from the CreateJob model: 1–100 targets of at most 2048 characters, description at most 2028 printable characters, at most 50 tags. */
export const MAX_JOB_TARGETS = 100
export const MAX_JOB_DESCRIPTION_LENGTH = 2028
export const MAX_TAGS = 50
export const TARGET_SELECTIONS = ['SNAPSHOT', 'CONTINUOUS'] as const

const NON_PRINTING = /\p{C}/u
// TagKey and TagValue patterns in the IoT model.
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u
const TAG_TEXT_DESCRIPTION = 'letters, digits, spaces and _ . : / = + - @'

export const jobTargetsSchema = z
  .array(
    z
      .string({ error: 'A target must be a thing or thing group ARN.' })
      .max(2048, { error: 'A target ARN must be at most 2048 characters.' })
      .refine((arn) => parseJobTargetArn(arn) !== undefined, {
        error:
          'A target must be a thing or thing group ARN (arn:aws:iot:region:account:thing/name).',
      }),
    { error: 'Targets must be a list of ARNs.' },
  )
  .min(1, { error: 'Choose at least one target.' })
  .max(MAX_JOB_TARGETS, {
    error: `A job takes at most ${MAX_JOB_TARGETS} targets; put the devices in a thing group and target the group.`,
  })
  .refine((targets) => new Set(targets).size === targets.length, {
    error: 'Each target may appear only once.',
  })

export const jobDescriptionSchema = z
  .string()
  // The model's pattern is [^\p{C}]+, so AWS refuses an empty description: leave it out instead.
  .min(1, { error: 'Description must not be empty; leave it out instead.' })
  .refine((text) => codePointLength(text) <= MAX_JOB_DESCRIPTION_LENGTH, {
    error: `Description must be at most ${MAX_JOB_DESCRIPTION_LENGTH} characters.`,
  })
  .refine((text) => !NON_PRINTING.test(text), {
    error: 'Description must not contain line breaks or other control characters.',
  })

export const tagSchema = z.strictObject({
  Key: z
    .string({ error: 'A tag needs a key.' })
    .min(1, { error: 'A tag needs a key.' })
    .max(128, { error: 'Tag keys must be at most 128 characters.' })
    .regex(TAG_TEXT, { error: `Tag keys may contain only ${TAG_TEXT_DESCRIPTION}.` })
    .refine((key) => !key.toLowerCase().startsWith('aws:'), {
      error: 'Tag keys starting with "aws:" are reserved by AWS.',
    }),
  Value: z
    .string()
    .max(256, { error: 'Tag values must be at most 256 characters.' })
    .regex(TAG_TEXT, { error: `Tag values may contain only ${TAG_TEXT_DESCRIPTION}.` })
    .optional(),
})

export const tagsSchema = z
  .array(tagSchema)
  .max(MAX_TAGS, { error: `At most ${MAX_TAGS} tags.` })
  .refine((tags) => new Set(tags.map((tag) => tag.Key)).size === tags.length, {
    error: 'Each tag key may appear only once.',
  })

/** Everything CreateJob takes besides the job ID and the document; time rules are checked by `validateCreateJobOptions`. */
export const createJobOptionsSchema = z.strictObject({
  targets: jobTargetsSchema,
  targetSelection: z
    .enum(TARGET_SELECTIONS, { error: 'Target selection must be SNAPSHOT or CONTINUOUS.' })
    .optional(),
  description: jobDescriptionSchema.optional(),
  jobExecutionsRolloutConfig: jobExecutionsRolloutConfigSchema.optional(),
  abortConfig: abortConfigSchema.optional(),
  timeoutConfig: timeoutConfigSchema.optional(),
  jobExecutionsRetryConfig: jobExecutionsRetryConfigSchema.optional(),
  presignedUrlConfig: presignedUrlConfigSchema.optional(),
  schedulingConfig: schedulingConfigSchema.optional(),
  tags: tagsSchema.optional(),
})

export type CreateJobOptions = z.output<typeof createJobOptionsSchema>

/** Rules that span fields, checked once each field is valid on its own. */
function crossFieldIssues(options: CreateJobOptions): ValidationIssue[] {
  const retriesTimeouts = options.jobExecutionsRetryConfig?.criteriaList.some(
    (criteria) => criteria.failureType !== 'FAILED' && criteria.numberOfRetries > 0,
  )
  // Developer guide, job retry configuration: "to retry execution because of a
  // timeout failure, you must enable the timeout configuration".
  if (retriesTimeouts === true && options.timeoutConfig === undefined) {
    return [
      {
        path: 'jobExecutionsRetryConfig',
        message:
          'Retrying timed-out devices needs an in-progress timeout; set one or retry FAILED only.',
      },
    ]
  }
  return []
}

/** Checks every field and AWS's scheduling rules against `now`, reporting all problems at once. */
export function validateCreateJobOptions(
  input: unknown,
  context: SchedulingContext,
): Validated<CreateJobOptions> {
  const result = validateWith(createJobOptionsSchema, input)
  // The time rules need a well-formed schedule; check it on its own so its
  // problems appear beside any others.
  const scheduling = validateWith(
    schedulingConfigSchema.optional(),
    typeof input === 'object' && input !== null
      ? (input as { schedulingConfig?: unknown }).schedulingConfig
      : undefined,
  )
  const timeIssues =
    scheduling.ok && scheduling.value !== undefined
      ? schedulingTimeIssues(scheduling.value, context).map((issue) => ({
          path: `schedulingConfig.${issue.path}`,
          message: issue.message,
        }))
      : []
  const issues = [...(result.ok ? crossFieldIssues(result.value) : result.issues), ...timeIssues]
  return issues.length === 0 ? result : { ok: false, issues }
}
