import { generateKeyPairSync, X509Certificate } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { LocalCloudSchema } from '../../state/records.ts'
import { MemoryStore } from '../../store/store.ts'
import { ipAddressBytes } from './certificate-builder.ts'
import { time } from './der.ts'
import { certificateIdOf, openLocalCa } from './local-ca.ts'

const devicePublicKey = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
    type: 'spki',
    format: 'der',
  })

describe('the local CA', () => {
  it('is made once and kept in the store', () => {
    const store = new MemoryStore<LocalCloudSchema>()
    const first = openLocalCa(store)
    const again = openLocalCa(store)
    expect(again.certificatePem).toBe(first.certificatePem)
    const root = new X509Certificate(first.certificatePem)
    expect(root.ca).toBe(true)
    expect(root.checkIssued(root)).toBe(true)
    expect(first.certificateId).toBe(certificateIdOf(root.raw))
    expect(first.certificateId).toMatch(/^[0-9a-f]{64}$/)
  })

  it('issues device certificates that node verifies against the CA, valid until the end of 2049', () => {
    const ca = openLocalCa(new MemoryStore<LocalCloudSchema>())
    const device = new X509Certificate(ca.issueDeviceCertificate(devicePublicKey()))
    const root = new X509Certificate(ca.certificatePem)
    expect(device.ca).toBe(false)
    expect(device.subject).toBe('CN=AWS IoT Certificate')
    expect(device.checkIssued(root)).toBe(true)
    expect(device.verify(root.publicKey)).toBe(true)
    expect(new Date(device.validTo).toISOString()).toBe('2049-12-31T23:59:59.000Z')
    expect(ca.issuanceProblem(device.toString())).toBeUndefined()
  })

  it("refuses certificates another CA signed, the CA's own and text that is no certificate", () => {
    const ca = openLocalCa(new MemoryStore<LocalCloudSchema>())
    const other = openLocalCa(new MemoryStore<LocalCloudSchema>())
    expect(ca.issuanceProblem(other.issueDeviceCertificate(devicePublicKey()))).toMatch(
      /not signed by the local cloud CA/,
    )
    expect(ca.issuanceProblem(ca.certificatePem)).toMatch(/CA certificate/)
    expect(
      ca.issuanceProblem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'),
    ).toMatch(/not a valid PEM/)
  })

  it('gives the listener a server certificate for 127.0.0.1, ::1 and localhost', () => {
    const ca = openLocalCa(new MemoryStore<LocalCloudSchema>())
    const { certificatePem } = ca.issueServerIdentity()
    const server = new X509Certificate(certificatePem)
    expect(server.subjectAltName).toBe(
      'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    )
    expect(server.checkHost('localhost')).toBe('localhost')
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1')
    expect(server.checkIP('::1')).toBe('::1')
    expect(server.keyUsage).toContain('1.3.6.1.5.5.7.3.1')
    expect(server.verify(new X509Certificate(ca.certificatePem).publicKey)).toBe(true)
  })
})

describe('DER details', () => {
  it('writes UTCTime through 2049 and GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)', () => {
    expect(time(new Date(Date.UTC(2049, 11, 31, 23, 59, 59))).toString('latin1')).toBe(
      '\x17\x0d491231235959Z',
    )
    expect(time(new Date(Date.UTC(2050, 0, 1))).toString('latin1')).toBe('\x18\x0f20500101000000Z')
  })

  it('encodes IPv4 and IPv6 addresses in 4 and 16 bytes', () => {
    expect(ipAddressBytes('127.0.0.1').toString('hex')).toBe('7f000001')
    expect(ipAddressBytes('::1').toString('hex')).toBe(`${'0'.repeat(30)}01`)
    expect(ipAddressBytes('fe80::1:2').toString('hex')).toBe(
      'fe80000000000000000000000001' + '0002',
    )
  })
})
