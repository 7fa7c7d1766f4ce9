import { generateKeyPairSync } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { connect as connectTls } from 'node:tls'
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  UpdateCertificateCommand,
} from '@aws-sdk/client-iot'
import { describe, expect, it } from 'vitest'
import { openLocalCa } from '../iot/certificates/local-ca.ts'
import type { LocalCloudSchema } from '../state/records.ts'
import { MemoryStore } from '../store/store.ts'
import {
  connectMqttTls,
  createCertificate,
  createPolicy,
  IOT_ARN,
  OWN_TOPICS_POLICY,
  provisionDevice,
} from '../testing/device-certificates.ts'
import { createThings } from '../testing/fleet-helpers.ts'
import { useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import { nextMessage, subscribeCodes } from '../testing/mqtt-helpers.ts'

/**
 * The mutual-TLS listener with real clients: certificates made through the
 * SDK, policies deciding every CONNECT, SUBSCRIBE and PUBLISH, and the TLS
 * handshake refusing certificates the local CA did not sign.
 */
const cloud = useLocalCloudFixture()

const rootCa = () => readFile(cloud.running.rootCaPath, 'utf8')

describe('MQTT over mutual TLS', () => {
  it('serves a device within its policy: its own topics through ${iot:Connection.Thing.ThingName}', async () => {
    const [thing = '', other = ''] = await createThings(cloud.iot, 2)
    const policy = await createPolicy(cloud.iot, OWN_TOPICS_POLICY)
    const credentials = await provisionDevice(cloud.iot, thing, policy)
    const device = await connectMqttTls(cloud.mqttsEndpoint, thing, credentials, await rootCa())
    try {
      expect(
        await subscribeCodes(device, [
          `$aws/things/${thing}/jobs/notify-next`,
          `$aws/things/${thing}/jobs/#`,
          `$aws/things/${other}/jobs/notify`,
          `devices/${thing}/+`,
          `devices/${other}/+`,
          '$aws/events/#',
          '#',
        ]),
      ).toEqual([0, 0, 128, 0, 128, 128, 128])
      const echoed = nextMessage(device, `devices/${thing}/telemetry`)
      device.publish(`devices/${thing}/telemetry`, JSON.stringify({ hello: thing }))
      expect(await echoed).toEqual({ hello: thing })
    } finally {
      await device.endAsync()
    }
  })

  it('disconnects a device that publishes outside its policy, and keeps serving the others', async () => {
    const [thing = '', bystanderThing = ''] = await createThings(cloud.iot, 2)
    const policy = await createPolicy(cloud.iot, OWN_TOPICS_POLICY)
    const ca = await rootCa()
    const bystander = await connectMqttTls(
      cloud.mqttsEndpoint,
      bystanderThing,
      await provisionDevice(cloud.iot, bystanderThing, policy),
      ca,
    )
    const device = await connectMqttTls(
      cloud.mqttsEndpoint,
      thing,
      await provisionDevice(cloud.iot, thing, policy),
      ca,
    )
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()))
    device.publish(`$aws/things/${bystanderThing}/jobs/get`, JSON.stringify({ clientToken: 'x' }))
    await closed
    expect(bystander.connected).toBe(true)
    expect(await subscribeCodes(bystander, [`$aws/things/${bystanderThing}/shadow/#`])).toEqual([0])
    await bystander.endAsync()
    device.end(true)
  })

  it('refuses at CONNECT a certificate attached to no thing: the thing variables do not resolve', async () => {
    const [thing = ''] = await createThings(cloud.iot, 1)
    const policy = await createPolicy(cloud.iot, OWN_TOPICS_POLICY)
    const credentials = await createCertificate(cloud.iot)
    await cloud.iot.send(
      new AttachPolicyCommand({ policyName: policy, target: credentials.certificateArn }),
    )
    await expect(
      connectMqttTls(cloud.mqttsEndpoint, thing, credentials, await rootCa()),
    ).rejects.toMatchObject({ code: 5 })
  })

  it('refuses at CONNECT a client id naming a thing the certificate is not attached to', async () => {
    const [thing = '', other = ''] = await createThings(cloud.iot, 2)
    const policy = await createPolicy(cloud.iot, OWN_TOPICS_POLICY)
    const credentials = await provisionDevice(cloud.iot, thing, policy)
    await expect(
      connectMqttTls(cloud.mqttsEndpoint, other, credentials, await rootCa()),
    ).rejects.toMatchObject({ code: 5 })
  })

  it('refuses an INACTIVE certificate at CONNECT, and closes the connections of one deactivated', async () => {
    const [thing = ''] = await createThings(cloud.iot, 1)
    const policy = await createPolicy(cloud.iot, OWN_TOPICS_POLICY)
    const credentials = await provisionDevice(cloud.iot, thing, policy)
    const ca = await rootCa()
    const device = await connectMqttTls(cloud.mqttsEndpoint, thing, credentials, ca)
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()))
    await cloud.iot.send(
      new UpdateCertificateCommand({
        certificateId: credentials.certificateId,
        newStatus: 'INACTIVE',
      }),
    )
    await closed
    device.end(true)
    await expect(connectMqttTls(cloud.mqttsEndpoint, thing, credentials, ca)).rejects.toMatchObject(
      { code: 5 },
    )
    await cloud.iot.send(
      new UpdateCertificateCommand({
        certificateId: credentials.certificateId,
        newStatus: 'ACTIVE',
      }),
    )
    const again = await connectMqttTls(cloud.mqttsEndpoint, thing, credentials, ca)
    await again.endAsync()
  })

  it('refuses a certificate from another CA, and no certificate, at the TLS handshake', async () => {
    const [thing = ''] = await createThings(cloud.iot, 1)
    const elsewhere = openLocalCa(new MemoryStore<LocalCloudSchema>())
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const foreign = {
      certificatePem: elsewhere.issueDeviceCertificate(
        publicKey.export({ type: 'spki', format: 'der' }),
      ),
      privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    }
    const ca = await rootCa()
    for (const credentials of [foreign, undefined]) {
      const refusal = await connectMqttTls(cloud.mqttsEndpoint, thing, credentials, ca).then(
        () => 'connected',
        (error: unknown) => error as { code?: unknown; message?: string },
      )
      expect(refusal).not.toBe('connected')
      // Not a CONNACK refusal: the handshake itself failed.
      expect(refusal).not.toMatchObject({ code: 5 })
    }
    // Under TLS 1.2 the client sees the server finish the handshake or not.
    const { hostname, port } = new URL(cloud.mqttsEndpoint)
    const handshake = (credentials: { certificatePem: string; privateKey: string }) =>
      new Promise<string>((resolve) => {
        const socket = connectTls({
          host: hostname,
          port: Number(port),
          ca,
          cert: credentials.certificatePem,
          key: credentials.privateKey,
          maxVersion: 'TLSv1.2',
        })
        socket.once('secureConnect', () => {
          socket.destroy()
          resolve('secureConnect')
        })
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
      })
    expect(await handshake(await createCertificate(cloud.iot))).toBe('secureConnect')
    expect(await handshake(foreign)).not.toBe('secureConnect')
  })

  it('lets an explicit Deny in one policy beat an Allow in another', async () => {
    const [thing = ''] = await createThings(cloud.iot, 1)
    const everything = await createPolicy(
      cloud.iot,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
      }),
    )
    const noEvents = await createPolicy(
      cloud.iot,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Action: 'iot:Subscribe',
            Resource: `${IOT_ARN}:topicfilter/$aws/events/*`,
          },
          { Effect: 'Deny', Action: 'iot:Publish', Resource: `${IOT_ARN}:topic/forbidden` },
        ],
      }),
    )
    const credentials = await provisionDevice(cloud.iot, thing, everything)
    await cloud.iot.send(
      new AttachPolicyCommand({ policyName: noEvents, target: credentials.certificateArn }),
    )
    const device = await connectMqttTls(cloud.mqttsEndpoint, thing, credentials, await rootCa())
    expect(await subscribeCodes(device, ['$aws/events/#', 'fleet/+/status'])).toEqual([128, 0])
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()))
    device.publish('forbidden', 'x')
    await closed
    device.end(true)
  })

  it('connects a certificate without a thing when its policy names no thing variable', async () => {
    const clientId = `tool-${Date.now().toString(36)}`
    const policy = await createPolicy(
      cloud.iot,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iot:Connect',
            Resource: `${IOT_ARN}:client/\${iot:ClientId}`,
          },
        ],
      }),
    )
    const credentials = await createCertificate(cloud.iot)
    await cloud.iot.send(
      new AttachPolicyCommand({ policyName: policy, target: credentials.certificateArn }),
    )
    const tool = await connectMqttTls(cloud.mqttsEndpoint, clientId, credentials, await rootCa())
    // Connect is all the policy allows.
    expect(await subscribeCodes(tool, ['a/b'])).toEqual([128])
    await tool.endAsync()
  })

  it('associates the exclusively attached thing whatever the client id', async () => {
    const [thing = ''] = await createThings(cloud.iot, 1)
    const policy = await createPolicy(
      cloud.iot,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iot:Connect',
            Resource: '*',
            Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } },
          },
          {
            Effect: 'Allow',
            Action: 'iot:Subscribe',
            Resource: `${IOT_ARN}:topicfilter/$aws/things/\${iot:Connection.Thing.ThingName}/*`,
          },
        ],
      }),
    )
    const credentials = await createCertificate(cloud.iot)
    await cloud.iot.send(
      new AttachPolicyCommand({ policyName: policy, target: credentials.certificateArn }),
    )
    const ca = await rootCa()
    // Not attached yet: IsAttached is false.
    await expect(
      connectMqttTls(cloud.mqttsEndpoint, 'any-client', credentials, ca),
    ).rejects.toMatchObject({ code: 5 })
    await cloud.iot.send(
      new AttachThingPrincipalCommand({
        thingName: thing,
        principal: credentials.certificateArn,
        thingPrincipalType: 'EXCLUSIVE_THING',
      }),
    )
    const device = await connectMqttTls(cloud.mqttsEndpoint, 'any-client', credentials, ca)
    expect(await subscribeCodes(device, [`$aws/things/${thing}/jobs/notify`])).toEqual([0])
    await device.endAsync()
  })
})
