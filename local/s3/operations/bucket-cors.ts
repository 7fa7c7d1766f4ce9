import { CORS_REPEATED_ELEMENTS, corsConfigurationXml, parseCorsConfiguration } from '../cors.ts'
import { receivePayload, requireIntegrityValue } from '../request-payload.ts'
import { s3Error } from '../s3-errors.ts'
import { emptyResponse, requireBucket, xmlResponse, type S3Operation } from '../s3-operation.ts'
import { parseXmlBody } from '../xml.ts'

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html (Content-MD5 or a checksum is required). */
export const putBucketCors: S3Operation = {
  name: 'PutBucketCors',
  action: 's3:PutBucketCORS',
  resource: 'bucket',
  handle: (context) => {
    requireBucket(context)
    const payload = receivePayload(context.request, context.caller)
    requireIntegrityValue(payload)
    const rules = parseCorsConfiguration(parseXmlBody(payload.bytes, CORS_REPEATED_ELEMENTS))
    context.storage.setCors(context.bucket, rules)
    return emptyResponse(200)
  },
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketCors.html */
export const getBucketCors: S3Operation = {
  name: 'GetBucketCors',
  action: 's3:GetBucketCORS',
  resource: 'bucket',
  handle: (context) => {
    const bucket = requireBucket(context)
    if (bucket.cors === undefined) {
      throw s3Error('NoSuchCORSConfiguration', 404, 'The CORS configuration does not exist', {
        BucketName: bucket.name,
      })
    }
    return xmlResponse('CORSConfiguration', corsConfigurationXml(bucket.cors))
  },
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketCors.html (IAM: s3:PutBucketCORS). */
export const deleteBucketCors: S3Operation = {
  name: 'DeleteBucketCors',
  action: 's3:PutBucketCORS',
  resource: 'bucket',
  handle: (context) => {
    requireBucket(context)
    context.storage.setCors(context.bucket, undefined)
    return emptyResponse(204)
  },
}
