import { objectAttributesFrom } from '../object-headers.ts'
import { checkWriteConditions } from '../object-conditions.ts'
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
    checkWriteConditions(request.headers, storage.object(bucket, key), () => noSuchKey(key))
    const payload = receivePayload(request, context.caller)
    const attributes = objectAttributesFrom(
      request.headers,
      context.isPresigned ? request.url.searchParams : undefined,
    )
    const record = await storage.putObject(
      { bucket, key, etag: payload.md5Hex, checksum: objectChecksum(payload), ...attributes },
      payload.bytes,
    )
    return emptyResponse(200, {
      etag: `"${record.etag}"`,
      'x-amz-server-side-encryption': 'AES256',
      ...echoedChecksumHeaders(payload),
    })
  },
}
