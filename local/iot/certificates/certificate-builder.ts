import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto'
import { isIPv4 } from 'node:net'
import {
  bitString,
  booleanTrue,
  explicit,
  implicit,
  integerFromHex,
  namedBits,
  objectIdentifier,
  octetString,
  sequence,
  set,
  time,
  utf8String,
} from './der.ts'

/**
 * X.509 v3 certificates (RFC 5280) signed with ECDSA P-256 and SHA-256, the
 * way the local CA issues them: its own root, device certificates and the
 * mutual-TLS listener's certificate.
 */
export interface Name {
  readonly commonName: string
  readonly organization?: string
}

export interface CertificateRequest {
  readonly subject: Name
  readonly issuer: Name
  readonly notBefore: Date
  readonly notAfter: Date
  /** SubjectPublicKeyInfo DER of the key being certified. */
  readonly publicKeyDer: Buffer
  /** The issuer's EC private key. */
  readonly signingKey: KeyObject
  /** SubjectPublicKeyInfo DER of the issuer's key, for the authority key identifier (absent for a root). */
  readonly issuerPublicKeyDer?: Buffer
  readonly isCa: boolean
  /** RFC 5280 §4.2.1.3 bit numbers; see KEY_USAGE. */
  readonly keyUsage: readonly number[]
  readonly serverAuth?: boolean
  readonly altNames?: { readonly ips: readonly string[]; readonly dns: readonly string[] }
}

export const KEY_USAGE = {
  digitalSignature: 0,
  keyEncipherment: 2,
  keyCertSign: 5,
  cRLSign: 6,
} as const

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const

const signatureAlgorithm = () => sequence(objectIdentifier(OID.ecdsaWithSha256))

function name({ commonName, organization }: Name): Buffer {
  const attribute = (oid: string, value: string) =>
    set(sequence(objectIdentifier(oid), utf8String(value)))
  return sequence(
    ...(organization === undefined ? [] : [attribute(OID.organization, organization)]),
    attribute(OID.commonName, commonName),
  )
}

/** A key identifier: the first 160 bits of the SHA-256 of the key's SubjectPublicKeyInfo (RFC 7093 §2). */
export const keyIdentifier = (publicKeyDer: Buffer) =>
  createHash('sha256').update(publicKeyDer).digest().subarray(0, 20)

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [booleanTrue()] : []), octetString(value))
}

/** The 4 or 16 bytes of an IP address, for an iPAddress general name. */
export function ipAddressBytes(address: string): Buffer {
  if (isIPv4(address)) return Buffer.from(address.split('.').map(Number))
  const [head = '', tail] = address.split('::')
  const groups = (part: string) => (part === '' ? [] : part.split(':'))
  const known = [...groups(head), ...(tail === undefined ? [] : groups(tail))]
  const zeros = tail === undefined ? [] : Array<string>(8 - known.length).fill('0')
  const all = [...groups(head), ...zeros, ...(tail === undefined ? [] : groups(tail))]
  return Buffer.concat(all.map((group) => Buffer.from(group.padStart(4, '0'), 'hex')))
}

/** Positive serial numbers of 16 random bytes (RFC 5280 §4.1.2.2 allows up to 20 octets). */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16)
  bytes[0] = (bytes[0] ?? 0) & 0x7f
  return bytes.toString('hex')
}

function extensions(request: CertificateRequest): Buffer[] {
  const list = [
    extension(OID.basicConstraints, true, request.isCa ? sequence(booleanTrue()) : sequence()),
    extension(OID.keyUsage, true, namedBits(request.keyUsage)),
    extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(request.publicKeyDer))),
  ]
  if (request.issuerPublicKeyDer !== undefined) {
    const id = keyIdentifier(request.issuerPublicKeyDer)
    list.push(extension(OID.authorityKeyIdentifier, false, sequence(implicit(0, id))))
  }
  if (request.serverAuth === true)
    list.push(extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))))
  if (request.altNames !== undefined) {
    const names = [
      ...request.altNames.dns.map((dns) => implicit(2, Buffer.from(dns, 'ascii'))),
      ...request.altNames.ips.map((ip) => implicit(7, ipAddressBytes(ip))),
    ]
    list.push(extension(OID.subjectAltName, false, sequence(...names)))
  }
  return list
}

/** The certificate in PEM. */
export function buildCertificate(request: CertificateRequest): string {
  const tbs = sequence(
    explicit(0, integerFromHex('02')),
    integerFromHex(randomSerialNumber()),
    signatureAlgorithm(),
    name(request.issuer),
    sequence(time(request.notBefore), time(request.notAfter)),
    name(request.subject),
    request.publicKeyDer,
    explicit(3, sequence(...extensions(request))),
  )
  // Node signs EC keys with a DER ECDSA-Sig-Value, as X.509 wants (RFC 5758 §3.2).
  const signature = sign('sha256', tbs, request.signingKey)
  const der = sequence(tbs, signatureAlgorithm(), bitString(signature))
  const lines = der.toString('base64').match(/.{1,64}/g) ?? []
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`
}
