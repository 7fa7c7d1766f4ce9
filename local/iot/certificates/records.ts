/**
 * What the certificate registry stores. Control-plane times (creation,
 * modification) are emulated epoch milliseconds; a certificate's validity is
 * real time, because TLS peers compare it with the wall clock.
 */

/** The local certificate authority: made on the first start, kept so device certificates stay valid. */
export interface CertificateAuthorityRecord {
  readonly certificatePem: string
  /** PKCS #8 PEM of the CA's signing key. */
  readonly privateKeyPem: string
}

/** UpdateCertificate's statuses (https://docs.aws.amazon.com/iot/latest/apireference/API_UpdateCertificate.html). */
export type CertificateStatus =
  | 'ACTIVE'
  | 'INACTIVE'
  | 'REVOKED'
  | 'PENDING_TRANSFER'
  | 'REGISTER_INACTIVE'
  | 'PENDING_ACTIVATION'

export interface CertificateRecord {
  /** SHA-256 of the certificate's DER, lower-case hex, as AWS IoT names certificates. */
  readonly certificateId: string
  readonly certificateArn: string
  readonly certificatePem: string
  readonly status: CertificateStatus
  /** The id of the CA certificate that signed it (the local CA). */
  readonly caCertificateId: string
  readonly creationDateMs: number
  readonly lastModifiedDateMs: number
  /** Bumped by every status change, as DescribeCertificate's customerVersion. */
  readonly customerVersion: number
  readonly generationId: string
  readonly notBeforeMs: number
  readonly notAfterMs: number
}

/** AttachThingPrincipal's relation (https://docs.aws.amazon.com/iot/latest/apireference/API_PrincipalThingObject.html). */
export type ThingPrincipalType = 'EXCLUSIVE_THING' | 'NON_EXCLUSIVE_THING'

export interface ThingPrincipalRecord {
  readonly thingName: string
  /** A certificate ARN: the only principal kind the local cloud has. */
  readonly principal: string
  readonly thingPrincipalType: ThingPrincipalType
}

export interface CertificatesSchema {
  certificateAuthority: CertificateAuthorityRecord
  certificates: CertificateRecord
  thingPrincipals: ThingPrincipalRecord
}

export const thingPrincipalKey = (thingName: string, principal: string) =>
  `${thingName}|${principal}`
