import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  type IoTClient,
} from '@aws-sdk/client-iot'
import type { IClientOptions, MqttClient } from 'mqtt'
import { ACCOUNT_ID, REGION } from '../config.ts'
import { uniqueName } from './local-cloud-fixture.ts'
import { connectMqtt } from './mqtt-helpers.ts'

/**
 * Devices as an AWS IoT tutorial provisions them: CreateKeysAndCertificate,
 * a policy, AttachPolicy and AttachThingPrincipal, all through the SDK.
 */
export const IOT_ARN = `arn:aws:iot:${REGION}:${ACCOUNT_ID}`

export interface DeviceCredentials {
  readonly certificateId: string
  readonly certificateArn: string
  readonly certificatePem: string
  readonly privateKey: string
}

/**
 * A device's own topics, through `${iot:Connection.Thing.ThingName}`: the
 * usual AWS IoT policy. `devices/{thing}/…` stands for the application's own
 * topics; `$aws/things/{thing}/…` holds the Jobs API's.
 */
export const OWN_TOPICS_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 'iot:Connect',
      Resource: `${IOT_ARN}:client/\${iot:Connection.Thing.ThingName}`,
    },
    {
      Effect: 'Allow',
      Action: ['iot:Publish', 'iot:Receive'],
      Resource: [
        `${IOT_ARN}:topic/$aws/things/\${iot:Connection.Thing.ThingName}/*`,
        `${IOT_ARN}:topic/devices/\${iot:Connection.Thing.ThingName}/*`,
      ],
    },
    {
      Effect: 'Allow',
      Action: 'iot:Subscribe',
      Resource: [
        `${IOT_ARN}:topicfilter/$aws/things/\${iot:Connection.Thing.ThingName}/*`,
        `${IOT_ARN}:topicfilter/devices/\${iot:Connection.Thing.ThingName}/*`,
      ],
    },
  ],
})

export async function createCertificate(
  iot: IoTClient,
  setAsActive = true,
): Promise<DeviceCredentials> {
  const created = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive }))
  return {
    certificateId: created.certificateId ?? '',
    certificateArn: created.certificateArn ?? '',
    certificatePem: created.certificatePem ?? '',
    privateKey: created.keyPair?.PrivateKey ?? '',
  }
}

export async function createPolicy(iot: IoTClient, document: string): Promise<string> {
  const policyName = uniqueName('policy')
  await iot.send(new CreatePolicyCommand({ policyName, policyDocument: document }))
  return policyName
}

/** A certificate for the thing, with the policy attached to the certificate and the certificate to the thing. */
export async function provisionDevice(
  iot: IoTClient,
  thingName: string,
  policyName: string,
): Promise<DeviceCredentials> {
  const credentials = await createCertificate(iot)
  await iot.send(new AttachPolicyCommand({ policyName, target: credentials.certificateArn }))
  await iot.send(
    new AttachThingPrincipalCommand({ thingName, principal: credentials.certificateArn }),
  )
  return credentials
}

/** mqtt.js over mutual TLS, trusting the local CA, as a device trusts Amazon's root CA. */
export function connectMqttTls(
  endpoint: string,
  clientId: string,
  credentials: { certificatePem: string; privateKey: string } | undefined,
  caPem: string,
  options: IClientOptions = {},
): Promise<MqttClient> {
  return connectMqtt(endpoint, clientId, {
    ca: caPem,
    ...(credentials === undefined
      ? {}
      : { cert: credentials.certificatePem, key: credentials.privateKey }),
    ...options,
  })
}
