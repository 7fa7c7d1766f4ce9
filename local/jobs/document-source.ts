import { parseS3ObjectUrl } from '../../domain/s3-object-url.ts'
import { AwsError, invalidRequest } from '../edge/aws-error.ts'
import { accessDeniedMessage, isPermitted } from '../edge/authorize.ts'
import type { Principal } from '../edge/service.ts'
import { checkDocument, MAX_DOCUMENT_CHARACTERS } from './job-document-check.ts'

/**
 * `documentSource`: CreateJob and CreateJobTemplate may name an S3 object
 * instead of giving the document inline. The Jobs service reads it when the
 * job is created, with the caller's access to the object, and keeps the URL
 * (DescribeJob returns it beside the job).
 */
export interface S3ObjectReader {
  size(bucket: string, key: string): number | undefined
  read(bucket: string, key: string): Uint8Array | undefined
}

/** A job document is at most 32 KB of text, so no larger object can be one; it is not read. */
const MAX_DOCUMENT_BYTES = 4 * MAX_DOCUMENT_CHARACTERS

/** The model's length limit for documentSource. */
export const MAX_DOCUMENT_SOURCE_LENGTH = 1350

export function readDocumentSource(
  source: string,
  principal: Principal,
  objects: S3ObjectReader,
): string {
  if (source.length < 1 || source.length > MAX_DOCUMENT_SOURCE_LENGTH) {
    throw invalidRequest(`documentSource must be 1 to ${MAX_DOCUMENT_SOURCE_LENGTH} characters.`)
  }
  const location = parseS3ObjectUrl(source)
  if (location === undefined) {
    throw invalidRequest(
      `documentSource must be an S3 object URL such as https://s3.us-east-1.amazonaws.com/bucket/key; got "${source}".`,
    )
  }
  const resource = `arn:aws:s3:::${location.bucket}/${location.key}`
  if (!isPermitted(principal, 's3:GetObject', resource)) {
    throw new AwsError(
      'AccessDeniedException',
      403,
      accessDeniedMessage(principal, 's3:GetObject', resource),
    )
  }
  const size = objects.size(location.bucket, location.key)
  if (size !== undefined && size > MAX_DOCUMENT_BYTES) {
    throw invalidRequest(
      `The job document at ${source} is ${size} bytes; a job document is at most ${MAX_DOCUMENT_CHARACTERS} characters.`,
    )
  }
  const bytes = size === undefined ? undefined : objects.read(location.bucket, location.key)
  if (bytes === undefined) {
    throw invalidRequest(`The job document at ${source} cannot be read: there is no such object.`)
  }
  let document: string
  try {
    document = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw invalidRequest(`The job document at ${source} is not UTF-8 text.`)
  }
  checkDocument(document)
  return document
}
