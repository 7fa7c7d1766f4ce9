import { z } from 'zod'
import { integerInRange } from '../number-rules.ts'

export const MIN_PRESIGNED_URL_EXPIRY_SECONDS = 60
export const MAX_PRESIGNED_URL_EXPIRY_SECONDS = 3600
export const DEFAULT_PRESIGNED_URL_EXPIRY_SECONDS = 3600

const IAM_ROLE_ARN = /^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/

export const presignedUrlExpirySchema = integerInRange(
  'URL expiry (seconds)',
  MIN_PRESIGNED_URL_EXPIRY_SECONDS,
  MAX_PRESIGNED_URL_EXPIRY_SECONDS,
)

/** PresignedUrlConfig: the role IoT assumes to pre-sign `${aws:iot:s3-presigned-url:…}` placeholders. */
export const presignedUrlConfigSchema = z.strictObject({
  roleArn: z
    .string({ error: 'The pre-signing role ARN is required.' })
    .max(2048, { error: 'The pre-signing role ARN must be at most 2048 characters.' })
    .regex(IAM_ROLE_ARN, {
      error: 'The pre-signing role must be an IAM role ARN (arn:aws:iam::123456789012:role/name).',
    }),
  expiresInSec: presignedUrlExpirySchema.optional(),
})

export type PresignedUrlConfig = z.output<typeof presignedUrlConfigSchema>
