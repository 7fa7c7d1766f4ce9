import { describe, expect, it } from 'vitest'
import { checksumBase64, compositeChecksum, isWellFormedChecksum } from './checksums.ts'
import { crc32c, crc64nvme } from './crc.ts'

const CHECK = new TextEncoder().encode('123456789')

describe('checksums', () => {
  it('computes the catalogued check values of CRC-32C and CRC-64/NVME', () => {
    // https://reveng.sourceforge.io/crc-catalogue/all.htm
    expect(crc32c(CHECK)).toBe(0xe3069283)
    expect(Buffer.from(crc64nvme(CHECK)).toString('hex')).toBe('ae8b14860a799888')
  })

  it('encodes digests as base64 of their big-endian bytes', () => {
    expect(checksumBase64('CRC32', new TextEncoder().encode('hello'))).toBe('NhCmhg==')
    expect(checksumBase64('CRC32', new Uint8Array(0))).toBe('AAAAAA==')
    expect(checksumBase64('SHA256', new Uint8Array(0))).toBe(
      '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
    )
  })

  it('knows a well-formed value from a wrong-sized or garbled one', () => {
    expect(isWellFormedChecksum('CRC32', 'NhCmhg==')).toBe(true)
    expect(isWellFormedChecksum('CRC64NVME', 'NhCmhg==')).toBe(false)
    expect(isWellFormedChecksum('SHA1', 'not base64!')).toBe(false)
  })

  it('builds composite checksums over the parts’ binary checksums', () => {
    const parts = ['NhCmhg==', 'AAAAAA==']
    const joined = Buffer.concat(parts.map((part) => Buffer.from(part, 'base64')))
    expect(compositeChecksum('CRC32', parts)).toBe(`${checksumBase64('CRC32', joined)}-2`)
  })
})
