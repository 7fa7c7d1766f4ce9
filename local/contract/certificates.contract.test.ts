import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  X509Certificate,
} from 'node:crypto'
import { readFile } from 'node:fs/promises'
import {
  AttachThingPrincipalCommand,
  CertificateStateException,
  CertificateValidationException,
  CreateKeysAndCertificateCommand,
  DeleteCertificateCommand,
  DeleteConflictException,
  DeletePolicyCommand,
  DeleteThingCommand,
  DescribeCertificateCommand,
  DetachThingPrincipalCommand,
  InvalidRequestException,
  IoTClient,
  ListCertificatesCommand,
  ListPrincipalThingsCommand,
  ListPrincipalThingsV2Command,
  ListThingPrincipalsCommand,
  ListThingPrincipalsV2Command,
  RegisterCertificateCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  UpdateCertificateCommand,
} from '@aws-sdk/client-iot'
import { describe, expect, it } from 'vitest'
import { ADMIN_CREDENTIALS, REGION } from '../config.ts'
import { openLocalCa } from '../iot/certificates/local-ca.ts'
import type { LocalCloudSchema } from '../state/records.ts'
import { MemoryStore } from '../store/store.ts'
import {
  connectMqttTls,
  createCertificate,
  createPolicy,
  OWN_TOPICS_POLICY,
  provisionDevice,
} from '../testing/device-certificates.ts'
import { createThings } from '../testing/fleet-helpers.ts'
import { useLocalCloudFixture, useRestartableLocalCloud } from '../testing/local-cloud-fixture.ts'

/** Certificates and thing principals through the real SDK, with AWS's errors. */
const cloud = useLocalCloudFixture()

const status = async (certificateId: string) =>
  (await cloud.iot.send(new DescribeCertificateCommand({ certificateId }))).certificateDescription
    ?.status

describe('certificates', () => {
  it('CreateKeysAndCertificate: an id that is the SHA-256 of the DER, a PEM the CA signed, and the key pair', async () => {
    const created = await cloud.iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }))
    const certificate = new X509Certificate(created.certificatePem ?? '')
    expect(created.certificateId).toBe(createHash('sha256').update(certificate.raw).digest('hex'))
    expect(created.certificateArn).toBe(
      `arn:aws:iot:us-east-1:000000000000:cert/${created.certificateId}`,
    )
    const root = new X509Certificate(await readFile(cloud.running.rootCaPath, 'utf8'))
    expect(certificate.verify(root.publicKey)).toBe(true)
    expect(created.keyPair?.PrivateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/)
    expect(created.keyPair?.PublicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/)
    const fromPrivate = createPublicKey(createPrivateKey(created.keyPair?.PrivateKey ?? ''))
    expect(fromPrivate.export({ type: 'spki', format: 'pem' })).toBe(created.keyPair?.PublicKey)
    expect(certificate.checkPrivateKey(createPrivateKey(created.keyPair?.PrivateKey ?? ''))).toBe(
      true,
    )
    expect(await status(created.certificateId ?? '')).toBe('ACTIVE')
    const inactive = await cloud.iot.send(new CreateKeysAndCertificateCommand({}))
    expect(await status(inactive.certificateId ?? '')).toBe('INACTIVE')
  })

  it('DescribeCertificate: the description, or ResourceNotFound, or InvalidRequest for a malformed id', async () => {
    const { certificateId, certificateArn, certificatePem } = await createCertificate(cloud.iot)
    const { certificateDescription } = await cloud.iot.send(
      new DescribeCertificateCommand({ certificateId }),
    )
    expect(certificateDescription).toMatchObject({
      certificateId,
      certificateArn,
      certificatePem,
      status: 'ACTIVE',
      ownedBy: '000000000000',
      certificateMode: 'DEFAULT',
      caCertificateId: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    expect(certificateDescription?.validity?.notAfter?.toISOString()).toBe(
      '2049-12-31T23:59:59.000Z',
    )
    expect(certificateDescription?.creationDate).toBeInstanceOf(Date)
    await expect(
      cloud.iot.send(new DescribeCertificateCommand({ certificateId: 'a'.repeat(64) })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
    await expect(
      cloud.iot.send(new DescribeCertificateCommand({ certificateId: 'not-an-id' })),
    ).rejects.toBeInstanceOf(InvalidRequestException)
  })

  it('ListCertificates: newest first, pages with pageSize and marker, oldest first on request', async () => {
    const ids: string[] = []
    for (let index = 0; index < 3; index += 1)
      ids.push((await createCertificate(cloud.iot)).certificateId)
    const first = await cloud.iot.send(new ListCertificatesCommand({ pageSize: 2 }))
    expect(first.certificates?.map((summary) => summary.certificateId)).toEqual([ids[2], ids[1]])
    expect(first.nextMarker).toBeDefined()
    const second = await cloud.iot.send(
      new ListCertificatesCommand({ pageSize: 2, marker: first.nextMarker }),
    )
    expect(second.certificates?.[0]?.certificateId).toBe(ids[0])
    const all = await cloud.iot.send(new ListCertificatesCommand({ ascendingOrder: true }))
    const order = all.certificates?.map((summary) => summary.certificateId) ?? []
    expect(order.indexOf(ids[0] ?? '')).toBeLessThan(order.indexOf(ids[2] ?? ''))
    expect(all.certificates?.[0]).toMatchObject({
      status: expect.any(String),
      certificateMode: 'DEFAULT',
    })
  })

  it('UpdateCertificate: INACTIVE and back; REVOKED stays revoked; internal statuses are refused', async () => {
    const { certificateId } = await createCertificate(cloud.iot)
    await cloud.iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'INACTIVE' }))
    expect(await status(certificateId)).toBe('INACTIVE')
    await cloud.iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'ACTIVE' }))
    expect(await status(certificateId)).toBe('ACTIVE')
    await expect(
      cloud.iot.send(
        new UpdateCertificateCommand({ certificateId, newStatus: 'PENDING_TRANSFER' }),
      ),
    ).rejects.toBeInstanceOf(InvalidRequestException)
    await cloud.iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'REVOKED' }))
    await expect(
      cloud.iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'ACTIVE' })),
    ).rejects.toBeInstanceOf(CertificateStateException)
  })

  it('DeleteCertificate: refused while ACTIVE, while attached to a thing or to a policy unless forced', async () => {
    const [thing = ''] = await createThings(cloud.iot, 1)
    const policy = await createPolicy(cloud.iot, OWN_TOPICS_POLICY)
    const { certificateId, certificateArn } = await provisionDevice(cloud.iot, thing, policy)
    const remove = (forceDelete?: boolean) =>
      cloud.iot.send(new DeleteCertificateCommand({ certificateId, forceDelete }))
    await expect(remove()).rejects.toBeInstanceOf(CertificateStateException)
    await cloud.iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'INACTIVE' }))
    await expect(remove(true)).rejects.toThrow(/Things must be detached before deletion/)
    await expect(remove()).rejects.toBeInstanceOf(DeleteConflictException)
    await cloud.iot.send(
      new DetachThingPrincipalCommand({ thingName: thing, principal: certificateArn }),
    )
    await expect(remove()).rejects.toThrow(/Certificate policies must be detached before deletion/)
    await remove(true)
    await expect(
      cloud.iot.send(new DescribeCertificateCommand({ certificateId })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
    // forceDelete detached the policy, which can now be deleted.
    await cloud.iot.send(new DeletePolicyCommand({ policyName: policy }))
  })

  it('RegisterCertificate: a certificate the local CA signed, once; another CA is CertificateValidationException', async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const publicKeyDer = publicKey.export({ type: 'spki', format: 'der' })
    // Signed out of band by the local CA, as for a device that made its own key.
    const pem = cloud.running.cloud.security.certificates.ca.issueDeviceCertificate(publicKeyDer)
    const caCertificatePem = await readFile(cloud.running.rootCaPath, 'utf8')
    const registered = await cloud.iot.send(
      new RegisterCertificateCommand({ certificatePem: pem, caCertificatePem }),
    )
    expect(registered.certificateId).toBe(
      createHash('sha256').update(new X509Certificate(pem).raw).digest('hex'),
    )
    expect(await status(registered.certificateId ?? '')).toBe('INACTIVE')
    await expect(
      cloud.iot.send(new RegisterCertificateCommand({ certificatePem: pem })),
    ).rejects.toBeInstanceOf(ResourceAlreadyExistsException)

    const elsewhere = openLocalCa(new MemoryStore<LocalCloudSchema>())
    const foreign = elsewhere.issueDeviceCertificate(publicKeyDer)
    await expect(
      cloud.iot.send(new RegisterCertificateCommand({ certificatePem: foreign, status: 'ACTIVE' })),
    ).rejects.toBeInstanceOf(CertificateValidationException)
    await expect(
      cloud.iot.send(
        new RegisterCertificateCommand({
          certificatePem:
            cloud.running.cloud.security.certificates.ca.issueDeviceCertificate(publicKeyDer),
          caCertificatePem: elsewhere.certificatePem,
        }),
      ),
    ).rejects.toBeInstanceOf(CertificateValidationException)
    await expect(
      cloud.iot.send(new RegisterCertificateCommand({ certificatePem: 'not a certificate' })),
    ).rejects.toBeInstanceOf(CertificateValidationException)

    const active = await cloud.iot.send(
      new RegisterCertificateCommand({
        certificatePem:
          cloud.running.cloud.security.certificates.ca.issueDeviceCertificate(publicKeyDer),
        setAsActive: true,
      }),
    )
    expect(await status(active.certificateId ?? '')).toBe('ACTIVE')
  })
})

describe('thing principals', () => {
  it('attaches, lists both ways, detaches; DeleteThing is refused while a principal is attached', async () => {
    const [thing = ''] = await createThings(cloud.iot, 1)
    const { certificateArn } = await createCertificate(cloud.iot)
    await cloud.iot.send(
      new AttachThingPrincipalCommand({ thingName: thing, principal: certificateArn }),
    )
    // Attaching again succeeds.
    await cloud.iot.send(
      new AttachThingPrincipalCommand({ thingName: thing, principal: certificateArn }),
    )
    expect(
      (await cloud.iot.send(new ListThingPrincipalsCommand({ thingName: thing }))).principals,
    ).toEqual([certificateArn])
    expect(
      (await cloud.iot.send(new ListPrincipalThingsCommand({ principal: certificateArn }))).things,
    ).toEqual([thing])
    expect(
      (await cloud.iot.send(new ListThingPrincipalsV2Command({ thingName: thing })))
        .thingPrincipalObjects,
    ).toEqual([{ principal: certificateArn, thingPrincipalType: 'NON_EXCLUSIVE_THING' }])
    await expect(cloud.iot.send(new DeleteThingCommand({ thingName: thing }))).rejects.toThrow(
      `Cannot delete. Thing ${thing} is still attached to one or more principals`,
    )
    await cloud.iot.send(
      new DetachThingPrincipalCommand({ thingName: thing, principal: certificateArn }),
    )
    expect(
      (await cloud.iot.send(new ListThingPrincipalsCommand({ thingName: thing }))).principals,
    ).toEqual([])
    await cloud.iot.send(new DeleteThingCommand({ thingName: thing }))
  })

  it('refuses a missing thing or certificate, a malformed principal, and a second thing beside an exclusive one', async () => {
    const [thing = '', other = ''] = await createThings(cloud.iot, 2)
    const { certificateArn } = await createCertificate(cloud.iot)
    await expect(
      cloud.iot.send(
        new AttachThingPrincipalCommand({ thingName: 'no-such-thing', principal: certificateArn }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
    await expect(
      cloud.iot.send(
        new AttachThingPrincipalCommand({
          thingName: thing,
          principal: certificateArn.replace(/[0-9a-f]{64}$/, 'b'.repeat(64)),
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
    await expect(
      cloud.iot.send(new AttachThingPrincipalCommand({ thingName: thing, principal: 'nonsense' })),
    ).rejects.toBeInstanceOf(InvalidRequestException)
    await cloud.iot.send(
      new AttachThingPrincipalCommand({
        thingName: thing,
        principal: certificateArn,
        thingPrincipalType: 'EXCLUSIVE_THING',
      }),
    )
    await expect(
      cloud.iot.send(
        new AttachThingPrincipalCommand({ thingName: other, principal: certificateArn }),
      ),
    ).rejects.toBeInstanceOf(InvalidRequestException)
    expect(
      (await cloud.iot.send(new ListPrincipalThingsV2Command({ principal: certificateArn })))
        .principalThingObjects,
    ).toEqual([{ thingName: thing, thingPrincipalType: 'EXCLUSIVE_THING' }])
  })
})

describe('the local CA across restarts', () => {
  const restartable = useRestartableLocalCloud('ca')

  it('keeps its CA and certificates: a device provisioned before a restart connects after it', async () => {
    const client = (endpoint: string) =>
      new IoTClient({ region: REGION, endpoint, credentials: ADMIN_CREDENTIALS, maxAttempts: 1 })
    const first = await restartable.start()
    const iot = client(first.endpoint)
    const [thing = ''] = await createThings(iot, 1)
    const credentials = await provisionDevice(
      iot,
      thing,
      await createPolicy(iot, OWN_TOPICS_POLICY),
    )
    const rootBefore = await readFile(first.rootCaPath, 'utf8')
    iot.destroy()
    await first.stop()

    const second = await restartable.start()
    expect(await readFile(second.rootCaPath, 'utf8')).toBe(rootBefore)
    const device = await connectMqttTls(second.mqttsEndpoint, thing, credentials, rootBefore)
    await device.endAsync()
  })
})
