import { describe, expect, it } from 'vitest'
import { expiredDocumentUrlProblem, presignedUrlExpiresAtMs } from './presigned-url-expiry.ts'

const SIGNED =
  'https://bucket.s3.amazonaws.com/lamp/1.0.0/firmware.bin?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20250102T030405Z&X-Amz-Expires=3600&X-Amz-Signature=abc'
const SIGNED_AT = Date.UTC(2025, 0, 2, 3, 4, 5)

describe('presignedUrlExpiresAtMs', () => {
  it('adds X-Amz-Expires to X-Amz-Date', () => {
    expect(presignedUrlExpiresAtMs(SIGNED)).toBe(SIGNED_AT + 3600 * 1000)
  })

  it('knows nothing of URLs that are not SigV4-presigned', () => {
    expect(presignedUrlExpiresAtMs('https://example.com/f.bin')).toBeUndefined()
    expect(presignedUrlExpiresAtMs('${aws:iot:s3-presigned-url:https://s3/x}')).toBeUndefined()
  })
})

describe('expiredDocumentUrlProblem', () => {
  const document = (url: string) => JSON.stringify({ operation: 'install', url })

  it('refuses a document whose operator-presigned URL has expired', () => {
    expect(expiredDocumentUrlProblem(document(SIGNED), SIGNED_AT + 3600 * 1000)).toMatch(
      /expired on 2025-01-02T04:04:05.000Z/,
    )
    expect(expiredDocumentUrlProblem(document(SIGNED), SIGNED_AT + 60_000)).toBeUndefined()
  })

  it('accepts placeholders, foreign documents and documents without a URL', () => {
    const placeholder = '${aws:iot:s3-presigned-url:https://s3.us-east-1.amazonaws.com/b/k}'
    expect(expiredDocumentUrlProblem(document(placeholder), Date.now())).toBeUndefined()
    expect(expiredDocumentUrlProblem('{"steps":[]}', Date.now())).toBeUndefined()
    expect(expiredDocumentUrlProblem('not json', Date.now())).toBeUndefined()
  })
})
