import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { configurationKeys } from './configuration-keys.ts'

/**
 * A download link for a configuration file: a GET URL pre-signed with the
 * signed-in user's credentials, answered as an attachment with the file's
 * name. Signing is local (no call to AWS); the URL is no better than the
 * temporary credentials behind it, which expire within the hour, so it is
 * re-signed well before its own expiry.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ShareObjectPreSignedURL.html
 */
export const DOWNLOAD_URL_EXPIRY_SECONDS = 15 * 60
const RESIGN_AFTER_MS = 5 * 60 * 1000

/** `uploads/lamp-0001/job.json` → `lamp-0001-job.json`: one name that says where it came from. */
export const downloadFileName = (key: string): string =>
  key
    .replace(/^uploads\//, '')
    .replaceAll('/', '-')
    .replace(/[^\w.-]/g, '_')

export async function presignGetConfiguration(
  s3: S3Client,
  { bucket, key }: { readonly bucket: string; readonly key: string },
  expiresIn = DOWNLOAD_URL_EXPIRY_SECONDS,
): Promise<string> {
  return getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentDisposition: `attachment; filename="${downloadFileName(key)}"`,
    }),
    { expiresIn },
  )
}

export const presignGetConfigurationOptions = (s3: S3Client, bucket: string, key: string) =>
  queryOptions({
    queryKey: configurationKeys.downloadUrl(key),
    queryFn: () => presignGetConfiguration(s3, { bucket, key }),
    staleTime: RESIGN_AFTER_MS,
    refetchInterval: RESIGN_AFTER_MS,
  })

export function useConfigurationDownloadUrl(key: string | undefined) {
  const { s3, config } = useAwsClients()
  return useQuery({
    ...presignGetConfigurationOptions(s3, config.configBucket, key ?? ''),
    enabled: key !== undefined,
  })
}
