import { describe, expect, it } from 'vitest'
import { parseSchedulingTime } from '@domain/job-config/scheduling.ts'
import {
  configUploadScheduling,
  isSchedulingStillValid,
  MIN_CONFIG_UPLOAD_URL_EXPIRY_SECONDS,
  presignedUrlExpiresAtMs,
} from './config-upload-schedule.ts'

const signed = (date: string, expires: number) =>
  `http://127.0.0.1:4566/fleetdeck-config/uploads/lamp-0001/job.json?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${date}&X-Amz-Expires=${expires}&X-Amz-Signature=ab`

describe('presignedUrlExpiresAtMs', () => {
  it('adds X-Amz-Expires to X-Amz-Date', () => {
    expect(presignedUrlExpiresAtMs(signed('20270301T020030Z', 3600))).toBe(
      Date.UTC(2027, 2, 1, 3, 0, 30),
    )
  })

  it('is undefined for a URL that is not query-signed', () => {
    expect(presignedUrlExpiresAtMs('https://example.com/a.json')).toBeUndefined()
    expect(presignedUrlExpiresAtMs(signed('2027-03-01', 3600))).toBeUndefined()
    expect(presignedUrlExpiresAtMs(signed('20270301T020030Z', 0))).toBeUndefined()
    expect(presignedUrlExpiresAtMs('not a url')).toBeUndefined()
  })
})

describe('configUploadScheduling', () => {
  it('ends the job, canceling it, at the URL expiry rounded down to the minute', () => {
    const scheduling = configUploadScheduling(signed('20270301T020030Z', 3600))
    expect(scheduling).toEqual({ endTime: '2027-03-01T03:00', endBehavior: 'CANCEL' })
    expect(parseSchedulingTime(scheduling.endTime)).toBeLessThanOrEqual(
      Date.UTC(2027, 2, 1, 3, 0, 30),
    )
  })

  it('gives an end time AWS accepts for the shortest expiry, signed just now', () => {
    const signedAt = Date.UTC(2027, 2, 1, 2, 0, 59)
    const scheduling = configUploadScheduling(
      signed('20270301T020059Z', MIN_CONFIG_UPLOAD_URL_EXPIRY_SECONDS),
    )
    // Nine minutes of margin remain for CreateJob and clock skew.
    expect(isSchedulingStillValid(scheduling, signedAt)).toBe(true)
    expect(isSchedulingStillValid(scheduling, signedAt + 9 * 60_000)).toBe(true)
    expect(isSchedulingStillValid(scheduling, signedAt + 10 * 60_000)).toBe(false)
  })

  it('refuses a URL without an expiry', () => {
    expect(() => configUploadScheduling('https://example.com/a.json')).toThrow(/pre-signed/)
  })
})
