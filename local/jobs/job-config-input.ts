import { abortConfigSchema } from '../../domain/job-config/abort.ts'
import { presignedUrlConfigSchema } from '../../domain/job-config/presigned-url.ts'
import { jobExecutionsRetryConfigSchema } from '../../domain/job-config/retry.ts'
import { jobExecutionsRolloutConfigSchema } from '../../domain/job-config/rollout.ts'
import { timeoutConfigSchema } from '../../domain/job-config/timeout.ts'
import { jobDescriptionSchema } from '../../domain/job-config/create-job-options.ts'
import { validateWith } from '../../domain/validation.ts'
import type { z } from 'zod'
import { valid, type JsonObject } from '../edge/input.ts'
import type { JobConfigRecord } from '../state/records.ts'

/** The configuration members CreateJob, UpdateJob and CreateJobTemplate share, checked with domain/'s AWS limits. */
function member<S extends z.ZodType>(
  body: JsonObject,
  name: string,
  schema: S,
): z.output<S> | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  return valid(validateWith(schema, value), name)
}

export function jobConfigFrom(body: JsonObject): JobConfigRecord {
  const config: Record<string, unknown> = {
    description: member(body, 'description', jobDescriptionSchema),
    presignedUrlConfig: member(body, 'presignedUrlConfig', presignedUrlConfigSchema),
    jobExecutionsRolloutConfig: member(
      body,
      'jobExecutionsRolloutConfig',
      jobExecutionsRolloutConfigSchema,
    ),
    abortConfig: member(body, 'abortConfig', abortConfigSchema),
    timeoutConfig: member(body, 'timeoutConfig', timeoutConfigSchema),
    jobExecutionsRetryConfig: member(
      body,
      'jobExecutionsRetryConfig',
      jobExecutionsRetryConfigSchema,
    ),
  }
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined))
}
