import { parseS3ObjectUrl } from '../../domain/s3-object-url.ts'
import { invalidRequest } from '../edge/aws-error.ts'
import type { JobEngine } from './job-engine.ts'
import type { PresignGetObject } from './presigned-urls.ts'

/**
 * `${aws:iot:s3-presigned-url:<S3 object URL>}` (and the `-v2` form): the
 * placeholder a job document carries instead of a download link. It stays in
 * the stored document (GetJobDocument shows it) and becomes a pre-signed URL
 * each time a device fetches the document.
 * https://docs.aws.amazon.com/iot/latest/developerguide/create-manage-jobs.html#create-manage-jobs-presigned-URLs
 */
const PLACEHOLDERS = /\$\{aws:iot:s3-presigned-url(?:-v2)?:([^}]*)\}/g

/** AWS's default validity for pre-signed URLs in job documents. */
export const DEFAULT_PRESIGNED_EXPIRY_SECONDS = 3600

export function placeholderUrls(document: string): string[] {
  return Array.from(document.matchAll(PLACEHOLDERS), (match) => match[1] ?? '')
}

/**
 * CreateJob's check: every placeholder names an S3 object, and the job says
 * which role signs them. (AWS does not document its answer to a placeholder
 * without presignedUrlConfig; refusing it up front beats a device that can
 * never download.)
 */
export function checkPlaceholders(document: string, hasPresignedUrlConfig: boolean): void {
  const urls = placeholderUrls(document)
  for (const url of urls) {
    if (parseS3ObjectUrl(url) === undefined) {
      throw invalidRequest(
        `The pre-signed URL placeholder must wrap an https S3 object URL such as https://s3.us-east-1.amazonaws.com/bucket/key; got "${url}".`,
      )
    }
  }
  if (urls.length > 0 && !hasPresignedUrlConfig) {
    throw invalidRequest(
      'The job document has pre-signed URL placeholders; give presignedUrlConfig with the role that signs them.',
    )
  }
}

/** The document as a device receives it, placeholders replaced by fresh pre-signed URLs. */
export function createDeviceDocuments(engine: JobEngine, presign: PresignGetObject) {
  return async (jobId: string): Promise<string> => {
    const document = engine.jobDocument(jobId)
    const config = engine.getJob(jobId)?.presignedUrlConfig
    const urls = placeholderUrls(document)
    if (urls.length === 0 || config === undefined) return document
    const expiresInSec = config.expiresInSec ?? DEFAULT_PRESIGNED_EXPIRY_SECONDS
    const signed = new Map<string, string>()
    for (const url of new Set(urls)) {
      const location = parseS3ObjectUrl(url)
      if (location !== undefined)
        signed.set(url, await presign(config.roleArn, location, expiresInSec))
    }
    return document.replace(
      PLACEHOLDERS,
      (placeholder, url: string) => signed.get(url) ?? placeholder,
    )
  }
}

export type DeviceDocuments = ReturnType<typeof createDeviceDocuments>
