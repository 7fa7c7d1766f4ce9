import { generateKeyPair, randomUUID, X509Certificate } from 'node:crypto'
import { promisify } from 'node:util'
import { arns } from '../../arns.ts'
import type { Clock } from '../../clock.ts'
import { invalidRequest, resourceAlreadyExists, resourceNotFound } from '../../edge/aws-error.ts'
import type { LocalCloudSchema } from '../../state/records.ts'
import type { Store } from '../../store/store.ts'
import { certificateState, certificateValidation } from '../security-errors.ts'
import { certificateIdOf, type LocalCa } from './local-ca.ts'
import type { CertificateRecord, CertificateStatus } from './records.ts'

const generate = promisify(generateKeyPair)

/** DescribeCertificate: "Fixed length of 64. Pattern: (0x)?[a-fA-F0-9]+". */
const CERTIFICATE_ID = /^[a-fA-F0-9]{64}$/
/** "PENDING_TRANSFER and PENDING_ACTIVATION are statuses used internally by AWS IoT." */
const SETTABLE: readonly CertificateStatus[] = [
  'ACTIVE',
  'INACTIVE',
  'REVOKED',
  'REGISTER_INACTIVE',
]

export interface CreatedKeysAndCertificate {
  readonly certificate: CertificateRecord
  readonly publicKeyPem: string
  readonly privateKeyPem: string
}

/**
 * Device certificates: made by CreateKeysAndCertificate or registered from
 * the local CA, then ACTIVE, INACTIVE or REVOKED. Only an ACTIVE certificate
 * connects; leaving ACTIVE tells the listeners, which close its connections
 * (AWS: "AWS IoT disconnects all devices that used that certificate").
 */
export class Certificates {
  readonly #deactivationListeners: ((certificateId: string) => void)[] = []

  constructor(
    private readonly store: Store<LocalCloudSchema>,
    private readonly clock: Clock,
    readonly ca: LocalCa,
  ) {}

  /** Called with a certificate's id whenever it stops being ACTIVE. */
  onDeactivated(listener: (certificateId: string) => void): void {
    this.#deactivationListeners.push(listener)
  }

  get(certificateId: string): CertificateRecord | undefined {
    return this.store.get('certificates', certificateId)
  }

  describe(certificateId: string): CertificateRecord {
    if (!CERTIFICATE_ID.test(certificateId))
      throw invalidRequest(`${certificateId} is not a certificate id (64 hexadecimal digits).`)
    const certificate = this.get(certificateId.toLowerCase())
    if (certificate === undefined)
      throw resourceNotFound(`The certificate ${certificateId} does not exist.`)
    return certificate
  }

  /** The certificate an ARN names, or undefined when it names none. */
  byArn(arn: string): CertificateRecord | undefined {
    const id = /^arn:aws:iot:[^:]+:[^:]+:cert\/([a-f0-9]{64})$/.exec(arn)?.[1]
    return id === undefined ? undefined : this.get(id)
  }

  #record(pem: string, status: CertificateStatus): CertificateRecord {
    const parsed = new X509Certificate(pem)
    const certificateId = certificateIdOf(parsed.raw)
    const now = this.clock.now()
    return {
      certificateId,
      certificateArn: arns.certificate(certificateId),
      certificatePem: pem,
      status,
      caCertificateId: this.ca.certificateId,
      creationDateMs: now,
      lastModifiedDateMs: now,
      customerVersion: 1,
      generationId: randomUUID(),
      notBeforeMs: Date.parse(parsed.validFrom),
      notAfterMs: Date.parse(parsed.validTo),
    }
  }

  /** CreateKeysAndCertificate: an RSA 2048 key pair, as AWS IoT makes, and a certificate for it. */
  async createKeysAndCertificate(setAsActive: boolean): Promise<CreatedKeysAndCertificate> {
    const { publicKey, privateKey } = await generate('rsa', { modulusLength: 2048 })
    const pem = this.ca.issueDeviceCertificate(publicKey.export({ type: 'spki', format: 'der' }))
    const certificate = this.#record(pem, setAsActive ? 'ACTIVE' : 'INACTIVE')
    this.store.put('certificates', certificate.certificateId, certificate)
    return {
      certificate,
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    }
  }

  /** RegisterCertificate for a certificate the local CA signed (a CSR signed elsewhere with its key, say). */
  register(pem: string, status: CertificateStatus): CertificateRecord {
    const problem = this.ca.issuanceProblem(pem)
    if (problem !== undefined) throw certificateValidation(problem)
    if (!SETTABLE.includes(status))
      throw invalidRequest(`A certificate cannot be registered ${status}.`)
    const certificate = this.#record(pem, status)
    const existing = this.get(certificate.certificateId)
    if (existing !== undefined)
      throw resourceAlreadyExists(
        'The certificate is already provisioned or registered',
        existing.certificateId,
        existing.certificateArn,
      )
    this.store.put('certificates', certificate.certificateId, certificate)
    return certificate
  }

  /** Newest first unless `ascending`, as ListCertificates orders by creation date. */
  list(ascending: boolean): CertificateRecord[] {
    const byAge = (a: CertificateRecord, b: CertificateRecord) =>
      a.creationDateMs - b.creationDateMs || a.certificateId.localeCompare(b.certificateId)
    const list = [...this.store.values('certificates')].sort(byAge)
    return ascending ? list : list.reverse()
  }

  update(certificateId: string, newStatus: CertificateStatus): void {
    const certificate = this.describe(certificateId)
    if (!SETTABLE.includes(newStatus))
      throw invalidRequest(`${newStatus} is used internally by AWS IoT and cannot be set.`)
    if (certificate.status === newStatus) return
    if (certificate.status === 'REVOKED')
      throw certificateState(
        `Certificate ${certificate.certificateId} is revoked; a revoked certificate stays revoked.`,
      )
    this.store.put('certificates', certificate.certificateId, {
      ...certificate,
      status: newStatus,
      lastModifiedDateMs: this.clock.now(),
      customerVersion: certificate.customerVersion + 1,
      generationId: randomUUID(),
    })
    if (certificate.status === 'ACTIVE')
      for (const listener of this.#deactivationListeners) listener(certificate.certificateId)
  }

  /**
   * DeleteCertificate: an ACTIVE certificate is refused first, then
   * `checkAttachments` refuses one still attached to things or policies.
   */
  delete(certificateId: string, checkAttachments: (certificate: CertificateRecord) => void): void {
    const certificate = this.describe(certificateId)
    if (certificate.status === 'ACTIVE')
      throw certificateState(
        `Certificate must be deactivated (not ACTIVE) before deletion. Id: ${certificate.certificateId}`,
      )
    checkAttachments(certificate)
    this.store.delete('certificates', certificate.certificateId)
  }
}
