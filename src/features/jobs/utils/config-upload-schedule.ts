import {
  formatSchedulingTime,
  MIN_SCHEDULE_LEAD_MINUTES,
  schedulingTimeIssues,
} from '@domain/job-config/scheduling.ts'
import { MAX_PRESIGNED_URL_EXPIRY_SECONDS } from '@domain/job-config/presigned-url.ts'

/**
 * A config-upload job must not outlive its PUT URL: a device that ran it
 * after the URL expired would only fail with 403. So the job ends when the
 * URL expires and is canceled then (`endBehavior: CANCEL`), so executions
 * not yet started never run.
 *
 * AWS wants a job's endTime at least 30 minutes ahead when the job is
 * created, written to the minute. The URL's expiry is therefore at least 40
 * minutes: 30 for AWS, up to one lost to rounding down to the minute, and the
 * rest as margin for the time between signing and CreateJob and for a
 * browser clock a few minutes off AWS's.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_SchedulingConfig.html
 */
export const MIN_CONFIG_UPLOAD_URL_EXPIRY_SECONDS = (MIN_SCHEDULE_LEAD_MINUTES + 10) * 60
export const MAX_CONFIG_UPLOAD_URL_EXPIRY_SECONDS = MAX_PRESIGNED_URL_EXPIRY_SECONDS

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/

/** When a SigV4 query-signed URL stops working (X-Amz-Date + X-Amz-Expires), or undefined if it is not one. */
export function presignedUrlExpiresAtMs(url: string): number | undefined {
  let params: URLSearchParams
  try {
    params = new URL(url).searchParams
  } catch {
    return undefined
  }
  const date = AMZ_DATE.exec(params.get('X-Amz-Date') ?? '')
  const expires = Number(params.get('X-Amz-Expires') ?? Number.NaN)
  if (date === null || !Number.isInteger(expires) || expires <= 0) return undefined
  const [year, month, day, hour, minute, second] = date.slice(1).map(Number)
  const signedAtMs = Date.UTC(
    year ?? 0,
    (month ?? 1) - 1,
    day ?? 1,
    hour ?? 0,
    minute ?? 0,
    second ?? 0,
  )
  return signedAtMs + expires * 1000
}

export interface ConfigUploadScheduling {
  readonly endTime: string
  readonly endBehavior: 'CANCEL'
}

/** The job's end: the URL's expiry rounded down to the minute, so the job never outlives it. */
export function configUploadScheduling(url: string): ConfigUploadScheduling {
  const expiresAtMs = presignedUrlExpiresAtMs(url)
  if (expiresAtMs === undefined) throw new Error('The upload URL is not a pre-signed URL.')
  return { endTime: formatSchedulingTime(expiresAtMs), endBehavior: 'CANCEL' }
}

/** Whether CreateJob would still accept this end time now (at least 30 minutes ahead). */
export function isSchedulingStillValid(scheduling: ConfigUploadScheduling, nowMs: number): boolean {
  return schedulingTimeIssues(scheduling, { nowMs }).length === 0
}
