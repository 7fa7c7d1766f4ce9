import { createHash, createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto'
import type { LocalCloudSchema } from '../../state/records.ts'
import type { Store } from '../../store/store.ts'
import { buildCertificate, KEY_USAGE, type Name } from './certificate-builder.ts'

/**
 * The local cloud's certificate authority. AWS IoT signs the certificates of
 * CreateKeysAndCertificate with its own CA and presents a server certificate
 * chaining to Amazon's root; here one local CA does both, so a device trusts
 * the local cloud by trusting `root-ca.pem`, and the mutual-TLS listener
 * accepts exactly the client certificates this CA signed.
 *
 * The CA and the listener use ECDSA P-256 keys (a millisecond to make, so
 * made synchronously at start); device keys are RSA 2048, as
 * CreateKeysAndCertificate returns them.
 */
const CA_NAME: Name = { commonName: 'Fleetdeck local cloud CA', organization: 'Fleetdeck' }
/** The subject AWS IoT gives the certificates it makes. */
const DEVICE_NAME: Name = { commonName: 'AWS IoT Certificate' }
/** AWS IoT's own device certificates are valid until the end of 2049. */
const DEVICE_NOT_AFTER = new Date(Date.UTC(2049, 11, 31, 23, 59, 59))
const HOUR_MS = 3_600_000
const YEAR_MS = 365 * 24 * HOUR_MS
/** The names a device may use to reach the listener, which binds to the loopback. */
export const SERVER_NAMES = { ips: ['127.0.0.1', '::1'], dns: ['localhost'] } as const

export interface ServerIdentity {
  readonly certificatePem: string
  readonly privateKeyPem: string
}

export interface LocalCa {
  readonly certificatePem: string
  /** The CA certificate's id, reported as caCertificateId. */
  readonly certificateId: string
  /** A device certificate (PEM) for the public key (SubjectPublicKeyInfo DER). */
  issueDeviceCertificate(publicKeyDer: Buffer): string
  /** A fresh key and certificate for the mutual-TLS listener, naming the loopback addresses. */
  issueServerIdentity(): ServerIdentity
  /** Why `pem` is not a valid device certificate signed by this CA, or undefined when it is. */
  issuanceProblem(pem: string): string | undefined
}

/** AWS IoT's certificate id: the SHA-256 of the certificate's DER, in hex. */
export function certificateIdOf(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex')
}

function ecKeyPair(): { publicKeyDer: Buffer; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return {
    publicKeyDer: publicKey.export({ type: 'spki', format: 'der' }),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }
}

function createAuthority(now: number) {
  const { publicKeyDer, privateKeyPem } = ecKeyPair()
  const certificatePem = buildCertificate({
    subject: CA_NAME,
    issuer: CA_NAME,
    notBefore: new Date(now - HOUR_MS),
    notAfter: new Date(now + 25 * YEAR_MS),
    publicKeyDer,
    signingKey: createPrivateKey(privateKeyPem),
    isCa: true,
    keyUsage: [KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign],
  })
  return { certificatePem, privateKeyPem }
}

/** Loads the CA from the store, making it on the first start; the caller flushes the store. */
export function openLocalCa(
  store: Store<LocalCloudSchema>,
  realNow: () => number = Date.now,
): LocalCa {
  let stored = store.get('certificateAuthority', 'root')
  if (stored === undefined) {
    stored = createAuthority(realNow())
    store.put('certificateAuthority', 'root', stored)
  }
  const caCertificate = new X509Certificate(stored.certificatePem)
  const issuerPublicKeyDer = caCertificate.publicKey.export({ type: 'spki', format: 'der' })
  const signingKey = createPrivateKey(stored.privateKeyPem)
  const signedByCa = { issuer: CA_NAME, issuerPublicKeyDer, signingKey, isCa: false }

  return {
    certificatePem: stored.certificatePem,
    certificateId: certificateIdOf(caCertificate.raw),
    issueDeviceCertificate: (publicKeyDer) =>
      buildCertificate({
        ...signedByCa,
        subject: DEVICE_NAME,
        notBefore: new Date(realNow()),
        notAfter: DEVICE_NOT_AFTER,
        publicKeyDer,
        keyUsage: [KEY_USAGE.digitalSignature, KEY_USAGE.keyEncipherment],
      }),
    issueServerIdentity: () => {
      const { publicKeyDer, privateKeyPem } = ecKeyPair()
      const now = realNow()
      const certificatePem = buildCertificate({
        ...signedByCa,
        subject: { commonName: 'localhost' },
        notBefore: new Date(now - HOUR_MS),
        notAfter: new Date(now + YEAR_MS),
        publicKeyDer,
        keyUsage: [KEY_USAGE.digitalSignature],
        serverAuth: true,
        altNames: SERVER_NAMES,
      })
      return { certificatePem, privateKeyPem }
    },
    issuanceProblem: (pem) => {
      let certificate: X509Certificate
      try {
        certificate = new X509Certificate(pem)
      } catch {
        return 'The certificate is not a valid PEM-encoded X.509 certificate.'
      }
      if (certificate.ca) return 'The certificate is a CA certificate, not a device certificate.'
      if (!certificate.checkIssued(caCertificate) || !certificate.verify(caCertificate.publicKey))
        return 'The certificate is not signed by the local cloud CA (root-ca.pem in the data directory); the local cloud registers only certificates its CA signed.'
      const now = realNow()
      if (Date.parse(certificate.validTo) < now) return 'The certificate has expired.'
      if (Date.parse(certificate.validFrom) > now) return 'The certificate is not valid yet.'
      return undefined
    },
  }
}
