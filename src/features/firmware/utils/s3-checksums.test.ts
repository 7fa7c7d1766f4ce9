import { sha256 } from '@noble/hashes/sha2.js'
import { describe, expect, it } from 'vitest'
import { bytesToBase64, compositeSha256Checksum } from './s3-checksums.ts'

const text = (value: string) => new TextEncoder().encode(value)

// Expected values computed with Node's crypto (createHash('sha256').digest('base64')).
describe('S3 SHA-256 checksums', () => {
  it('are base64 of the binary digest', () => {
    expect(bytesToBase64(sha256(text('abc')))).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=')
    expect(bytesToBase64(new Uint8Array([0, 255, 128]))).toBe('AP+A')
    expect(bytesToBase64(new Uint8Array())).toBe('')
  })

  it('combine parts as a checksum of the parts’ digests with the part count', () => {
    const digests = ['abc', 'de', ''].map((part) => sha256(text(part)))
    expect(compositeSha256Checksum(digests)).toBe('RELGvH1pLTDSamk9hP6vwfyk/cjFOYBvd7mYP+cUzB0=-3')
    // One part is still composite: not the part's own checksum.
    expect(compositeSha256Checksum([sha256(text('hello'))])).toBe(
      'lZXJ35AHUUjrBoYDZd8zWEt1v/eCpRDGzUiDpBmDPVA=-1',
    )
    expect(() => compositeSha256Checksum([])).toThrow(RangeError)
  })

  it('depend on where the parts were cut', () => {
    const whole = (cuts: string[]) =>
      compositeSha256Checksum(cuts.map((part) => sha256(text(part))))
    expect(whole(['abc', 'de'])).not.toBe(whole(['ab', 'cde']))
  })
})
