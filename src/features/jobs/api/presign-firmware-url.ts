import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'

/**
 * A firmware URL pre-signed with the operator's own credentials, for the URL
 * mode that does not use IoT's placeholder. SigV4 query signatures live at
 * most 7 days, and never longer than the credentials that signed them: the
 * dashboard signs with the session's temporary credentials (Cognito identity
 * pool, src/lib/auth/session-credentials.ts), so the URL's expiry is capped
 * at theirs, and the form shows the capped time.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html#PresignedUrl-Expiration
 */
export const MAX_OPERATOR_URL_EXPIRY_SECONDS = 7 * 24 * 3600

export class UrlExpiryError extends Error {
  override readonly name = 'UrlExpiryError'
}

export interface PresignedFirmwareUrl {
  readonly url: string
  readonly expiresAtMs: number
  /** The session credentials expire before the requested expiry, so the URL does too. */
  readonly cappedByCredentials: boolean
}

/** When the client's credentials expire; undefined for long-term credentials. */
async function credentialsExpiryMs(s3: S3Client): Promise<number | undefined> {
  const identity = await s3.config.credentials()
  return identity.expiration?.getTime()
}

export async function presignFirmwareUrl(
  s3: S3Client,
  {
    bucket,
    key,
    expiresInSeconds,
    nowMs = Date.now(),
  }: { bucket: string; key: string; expiresInSeconds: number; nowMs?: number },
): Promise<PresignedFirmwareUrl> {
  if (
    !Number.isInteger(expiresInSeconds) ||
    expiresInSeconds < 1 ||
    expiresInSeconds > MAX_OPERATOR_URL_EXPIRY_SECONDS
  ) {
    throw new UrlExpiryError(
      'The URL expiry must be a whole number of hours from 1 to 168 (7 days).',
    )
  }
  const credentialsExpireAtMs = await credentialsExpiryMs(s3)
  const credentialsLeftSeconds =
    credentialsExpireAtMs === undefined
      ? Number.POSITIVE_INFINITY
      : Math.floor((credentialsExpireAtMs - nowMs) / 1000)
  const cappedByCredentials = credentialsLeftSeconds < expiresInSeconds
  const expiresIn = Math.max(1, Math.min(expiresInSeconds, credentialsLeftSeconds))
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
    expiresIn,
    signingDate: new Date(nowMs),
  })
  return { url, expiresAtMs: nowMs + expiresIn * 1000, cappedByCredentials }
}
