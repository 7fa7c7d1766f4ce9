import { describe, expect, it } from 'vitest'
import { isFreshUrl, RESIGN_MARGIN_MS, signedUrlFor, type SignedUrl } from './operator-url.ts'

const signed: SignedUrl = {
  imageKey: 'lamp-v2/2.0.0/firmware.bin',
  expiryHours: '24',
  url: 'https://example.invalid/firmware.bin',
  expiresAtMs: 1_000_000,
  cappedByCredentials: false,
}

describe('isFreshUrl', () => {
  it('needs at least the re-sign margin left', () => {
    expect(isFreshUrl(signed, signed.expiresAtMs - RESIGN_MARGIN_MS)).toBe(true)
    expect(isFreshUrl(signed, signed.expiresAtMs - RESIGN_MARGIN_MS + 1)).toBe(false)
    expect(isFreshUrl(undefined, 0)).toBe(false)
  })
})

describe('signedUrlFor', () => {
  it('keeps a URL only for the image and expiry it was signed for', () => {
    expect(signedUrlFor(signed, { imageKey: signed.imageKey, expiryHours: '24' })).toBe(signed)
    expect(
      signedUrlFor(signed, { imageKey: 'lamp-v2/1.0.0/firmware.bin', expiryHours: '24' }),
    ).toBe(undefined)
    expect(signedUrlFor(signed, { imageKey: signed.imageKey, expiryHours: '48' })).toBe(undefined)
    expect(signedUrlFor(signed, { imageKey: undefined, expiryHours: '24' })).toBe(undefined)
    expect(signedUrlFor(undefined, { imageKey: signed.imageKey, expiryHours: '24' })).toBe(
      undefined,
    )
  })
})
