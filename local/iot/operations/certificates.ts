import { X509Certificate } from 'node:crypto'
import { ACCOUNT_ID } from '../../config.ts'
import { invalidRequest } from '../../edge/aws-error.ts'
import { bodyObject, optionalString, queryBoolean, requiredString } from '../../edge/input.ts'
import { paginate } from '../../edge/pagination.ts'
import type { Operation } from '../../edge/service.ts'
import { controlPlaneTime } from '../../edge/timestamps.ts'
import { certificateIdOf } from '../certificates/local-ca.ts'
import type { CertificateRecord, CertificateStatus } from '../certificates/records.ts'
import type { DeviceSecurity } from '../device-security.ts'
import { certificateValidation, deleteConflict } from '../security-errors.ts'
import { LIST_LIMIT } from './things.ts'

/**
 * Certificate operations: CreateKeysAndCertificate, RegisterCertificate,
 * DescribeCertificate, ListCertificates, UpdateCertificate, DeleteCertificate.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_Operations_AWS_IoT.html
 */
const STATUSES: readonly CertificateStatus[] = [
  'ACTIVE',
  'INACTIVE',
  'REVOKED',
  'PENDING_TRANSFER',
  'REGISTER_INACTIVE',
  'PENDING_ACTIVATION',
]

function status(value: string | null | undefined, member: string): CertificateStatus | undefined {
  if (value === null || value === undefined) return undefined
  if (!(STATUSES as readonly string[]).includes(value))
    throw invalidRequest(`${member} must be one of ${STATUSES.join(', ')}.`)
  return value as CertificateStatus
}

export const createKeysAndCertificate = ({ certificates }: DeviceSecurity): Operation => ({
  name: 'CreateKeysAndCertificate',
  handle: async ({ query }) => {
    const created = await certificates.createKeysAndCertificate(queryBoolean(query, 'setAsActive'))
    return {
      certificateArn: created.certificate.certificateArn,
      certificateId: created.certificate.certificateId,
      certificatePem: created.certificate.certificatePem,
      keyPair: { PublicKey: created.publicKeyPem, PrivateKey: created.privateKeyPem },
    }
  },
})

export const registerCertificate = ({ certificates }: DeviceSecurity): Operation => ({
  name: 'RegisterCertificate',
  handle: ({ query, body }) => {
    const input = bodyObject(body)
    const caPem = optionalString(input, 'caCertificatePem')
    // Only the local CA signs certificates here, so a CA certificate, if given, must be it.
    if (caPem !== undefined) {
      let caId: string | undefined
      try {
        caId = certificateIdOf(new X509Certificate(caPem).raw)
      } catch {
        throw certificateValidation(
          'caCertificatePem is not a valid PEM-encoded X.509 certificate.',
        )
      }
      if (caId !== certificates.ca.certificateId)
        throw certificateValidation(
          'The CA certificate is not registered: the local cloud has one CA, the one in root-ca.pem.',
        )
    }
    const certificate = certificates.register(
      requiredString(input, 'certificatePem'),
      status(optionalString(input, 'status'), 'status') ??
        (queryBoolean(query, 'setAsActive') ? 'ACTIVE' : 'INACTIVE'),
    )
    return { certificateArn: certificate.certificateArn, certificateId: certificate.certificateId }
  },
})

export const describeCertificate = ({ certificates }: DeviceSecurity): Operation => ({
  name: 'DescribeCertificate',
  handle: ({ params }) => {
    const certificate = certificates.describe(params.certificateId ?? '')
    return {
      certificateDescription: {
        certificateArn: certificate.certificateArn,
        certificateId: certificate.certificateId,
        caCertificateId: certificate.caCertificateId,
        status: certificate.status,
        certificatePem: certificate.certificatePem,
        ownedBy: ACCOUNT_ID,
        creationDate: controlPlaneTime(certificate.creationDateMs),
        lastModifiedDate: controlPlaneTime(certificate.lastModifiedDateMs),
        customerVersion: certificate.customerVersion,
        generationId: certificate.generationId,
        validity: {
          notBefore: controlPlaneTime(certificate.notBeforeMs),
          notAfter: controlPlaneTime(certificate.notAfterMs),
        },
        certificateMode: 'DEFAULT',
      },
    }
  },
})

const summary = (certificate: CertificateRecord) => ({
  certificateArn: certificate.certificateArn,
  certificateId: certificate.certificateId,
  status: certificate.status,
  certificateMode: 'DEFAULT',
  creationDate: controlPlaneTime(certificate.creationDateMs),
})

export const listCertificates = ({ certificates }: DeviceSecurity): Operation => ({
  name: 'ListCertificates',
  handle: ({ query }) => {
    const ascending = queryBoolean(query, 'isAscendingOrder')
    const page = paginate(certificates.list(ascending), query, `ListCertificates ${ascending}`, {
      limit: LIST_LIMIT,
      tokenName: 'marker',
      sizeName: 'pageSize',
    })
    return { certificates: page.items.map(summary), nextMarker: page.nextToken }
  },
})

export const updateCertificate = ({ certificates }: DeviceSecurity): Operation => ({
  name: 'UpdateCertificate',
  handle: ({ params, query }) => {
    const newStatus = status(query.get('newStatus'), 'newStatus')
    if (newStatus === undefined) throw invalidRequest('newStatus is required.')
    certificates.update(params.certificateId ?? '', newStatus)
    return {}
  },
})

/**
 * "A certificate cannot be deleted if it has a policy or IoT thing attached to
 * it or if its status is set to ACTIVE"; forceDelete detaches its policies
 * (not its things). https://docs.aws.amazon.com/iot/latest/apireference/API_DeleteCertificate.html
 */
export const deleteCertificate = ({
  certificates,
  thingPrincipals,
  policies,
}: DeviceSecurity): Operation => ({
  name: 'DeleteCertificate',
  handle: ({ params, query }) => {
    const force = queryBoolean(query, 'forceDelete')
    certificates.delete(params.certificateId ?? '', ({ certificateArn }) => {
      if (thingPrincipals.thingsOf(certificateArn).length > 0)
        throw deleteConflict(`Things must be detached before deletion (arn: ${certificateArn})`)
      const attached = policies.attachedTo(certificateArn)
      if (attached.length > 0 && !force)
        throw deleteConflict(
          `Certificate policies must be detached before deletion (arn: ${certificateArn})`,
        )
      for (const policy of attached) policies.detach(policy.policyName, certificateArn)
    })
    return {}
  },
})
