/**
 * What the dashboard needs from the firmware and config buckets' CORS
 * configuration, whatever origin it is served from: the SDK's signed GET,
 * HEAD and PUT, multipart uploads (POST to create and complete, DELETE to
 * abort when an upload is cancelled; operators cannot delete objects, IAM
 * refuses s3:DeleteObject), and the response headers it reads: ETag for
 * multipart parts and conditional writes, the checksums S3 returns, and the
 * catalog's metadata. Browsers hide any response header not exposed here.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html
 */
export const DASHBOARD_BUCKET_CORS = {
  allowedMethods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
  allowedHeaders: ['*'],
  exposedHeaders: [
    'ETag',
    'x-amz-request-id',
    'x-amz-version-id',
    'x-amz-checksum-crc32',
    'x-amz-checksum-crc32c',
    'x-amz-checksum-crc64nvme',
    'x-amz-checksum-sha1',
    'x-amz-checksum-sha256',
    'x-amz-checksum-type',
    'x-amz-meta-sha256',
    'x-amz-meta-notes',
    'x-amz-meta-version',
    'x-amz-meta-model',
  ],
  maxAgeSeconds: 3000,
} as const
