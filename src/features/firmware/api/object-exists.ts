import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { isNotFoundError } from '@/lib/aws/aws-error-message.ts'

/**
 * Whether a key holds an object (HeadObject: no bytes are read). A caller
 * without s3:ListBucket gets AccessDenied rather than 404 for a missing
 * key, and that is thrown, not taken for "absent".
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html
 */
export async function objectExists(
  s3: S3Client,
  bucket: string,
  key: string,
  signal?: AbortSignal,
): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal })
    return true
  } catch (error) {
    if (isNotFoundError(error)) return false
    throw error
  }
}
