import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'

/**
 * A firmware URL pre-signed with the operator's own credentials, for the URL
 * mode that does not use IoT's placeholder. SigV4 query signatures live at
 * most 7 days, and never longer than the credentials that signed them: the
 * session's temporary credentials may end the URL's life sooner, which the
 * form says.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html
 */
export const MAX_OPERATOR_URL_EXPIRY_SECONDS = 7 * 24 * 3600

export class UrlExpiryError extends Error {
  override readonly name = 'UrlExpiryError'
}

export async function presignFirmwareUrl(
  s3: S3Client,
  { bucket, key, expiresInSeconds }: { bucket: string; key: string; expiresInSeconds: number },
): Promise<string> {
  if (
    !Number.isInteger(expiresInSeconds) ||
    expiresInSeconds < 1 ||
    expiresInSeconds > MAX_OPERATOR_URL_EXPIRY_SECONDS
  ) {
    throw new UrlExpiryError(
      'The URL expiry must be a whole number of hours from 1 to 168 (7 days).',
    )
  }
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
    expiresIn: expiresInSeconds,
  })
}
