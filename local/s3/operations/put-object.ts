import { objectAttributesFrom } from '../object-headers.ts'
import { checkWriteConditions } from '../object-conditions.ts'
import type { S3ObjectRecord } from '../records.ts'
import { checkObjectWrite, echoedChecksumHeaders, objectChecksum } from '../object-writes.ts'
import { receivePayload } from '../request-payload.ts'
import { noSuchKey } from '../s3-errors.ts'
import { emptyResponse, requireBucket, type S3Operation } from '../s3-operation.ts'

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
 * The bytes stored are the decoded payload (aws-chunked framing removed),
 * checked against every checksum the client sent.
 */
export const putObject: S3Operation = {
  name: 'PutObject',
  action: 's3:PutObject',
  resource: 'object',
  handle: async (context) => {
    const { request, bucket, key, storage } = context
    requireBucket(context)
    checkObjectWrite(key, request.headers)
    const conditions = (existing: S3ObjectRecord | undefined) =>
      checkWriteConditions(request.headers, existing, () => noSuchKey(key))
    // Checked before the body is stored, and again as the object goes in (s3-storage.ts).
    conditions(storage.object(bucket, key))
    const payload = receivePayload(request, context.caller)
    const attributes = objectAttributesFrom(
      request.headers,
      context.isPresigned ? request.url.searchParams : undefined,
    )
    const record = await storage.putObject(
      { bucket, key, etag: payload.md5Hex, checksum: objectChecksum(payload), ...attributes },
      payload.bytes,
      conditions,
    )
    return emptyResponse(200, {
      etag: `"${record.etag}"`,
      'x-amz-server-side-encryption': 'AES256',
      ...echoedChecksumHeaders(payload),
    })
  },
}
