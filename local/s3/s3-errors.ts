import { randomBytes } from 'node:crypto'
import { AwsError } from '../edge/aws-error.ts'
import { toXmlDocument, type XmlElement } from './xml.ts'

/**
 * S3's errors: `<Error><Code>…</Code><Message>…</Message>…</Error>` with the
 * status the code has in the error table, extra elements (Key, BucketName,
 * Method, …) from the AwsError's members, and the request id. The SDK reads
 * `Code` and narrows to its typed exceptions (NoSuchKey, NoSuchBucket, …).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 */
export const s3Error = (
  code: string,
  status: number,
  message: string,
  members: Readonly<Record<string, string | number>> = {},
) => new AwsError(code, status, message, members)

export const noSuchBucket = (bucket: string) =>
  s3Error('NoSuchBucket', 404, 'The specified bucket does not exist', { BucketName: bucket })
export const noSuchKey = (key: string) =>
  s3Error('NoSuchKey', 404, 'The specified key does not exist.', { Key: key })
export const noSuchUpload = (uploadId: string) =>
  s3Error(
    'NoSuchUpload',
    404,
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    { UploadId: uploadId },
  )
export const invalidArgument = (message: string, name: string, value: string) =>
  s3Error('InvalidArgument', 400, message, { ArgumentName: name, ArgumentValue: value })
export const invalidRequest = (message: string) => s3Error('InvalidRequest', 400, message)
export const accessDenied = (message = 'Access Denied') => s3Error('AccessDenied', 403, message)
export const preconditionFailed = (condition: string) =>
  s3Error(
    'PreconditionFailed',
    412,
    'At least one of the pre-conditions you specified did not hold',
    {
      Condition: condition,
    },
  )
export const missingContentMd5 = () =>
  invalidRequest('Missing required header for this request: Content-MD5')

/** For S3 operations the local cloud does not emulate, named as AWS names them. */
export const s3NotImplemented = (operation: string) =>
  s3Error(
    'NotImplemented',
    501,
    `The Fleetdeck local cloud does not implement the S3 operation ${operation}. See docs/local-cloud.md for what it covers.`,
  )

/** x-amz-request-id and x-amz-id-2, as S3 sends them with every answer. */
export function requestIds(): { 'x-amz-request-id': string; 'x-amz-id-2': string } {
  return {
    'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
    'x-amz-id-2': randomBytes(48).toString('base64'),
  }
}

export function s3ErrorResponse(
  error: AwsError,
  method: string,
  headers: Readonly<Record<string, string>>,
): Response {
  const requestId = headers['x-amz-request-id'] ?? ''
  // HEAD answers carry no body; the SDK then names the error after the status.
  const body =
    method === 'HEAD'
      ? null
      : toXmlDocument(
          'Error',
          {
            Code: error.type,
            Message: error.message,
            ...(error.members as XmlElement),
            RequestId: requestId,
            HostId: headers['x-amz-id-2'],
          },
          undefined,
        )
  return new Response(body, {
    status: error.status,
    headers: { 'content-type': 'application/xml', ...headers },
  })
}
