import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  GetPolicyCommand,
  type IoTClient,
} from '@aws-sdk/client-iot'
import type { CertificateSource, DeviceCertificate } from './transport/mqtt-transport.ts'

/**
 * Per-device certificates. On AWS each device brings its own, from a
 * directory laid out as `<dir>/<thingName>/certificate.pem.crt` and
 * `<dir>/<thingName>/private.pem.key` (the names the AWS console gives
 * downloads). Against the local cloud the simulator can also provision
 * them as AWS's tutorials do: CreateKeysAndCertificate, a policy,
 * AttachPolicy, AttachThingPrincipal.
 */
export const certificatesFromDirectory =
  (directory: string): CertificateSource =>
  async (thingName) => ({
    certificatePem: await readFile(join(directory, thingName, 'certificate.pem.crt'), 'utf8'),
    privateKey: await readFile(join(directory, thingName, 'private.pem.key'), 'utf8'),
  })

/** A device may use only its own `$aws/things/{thing}/…` topics, through the thing-name policy variable. */
export function ownTopicsPolicy(region: string, accountId: string): string {
  const arn = `arn:aws:iot:${region}:${accountId}`
  const thing = '${iot:Connection.Thing.ThingName}'
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'iot:Connect', Resource: `${arn}:client/${thing}` },
      {
        Effect: 'Allow',
        Action: ['iot:Publish', 'iot:Receive'],
        Resource: `${arn}:topic/$aws/things/${thing}/*`,
      },
      {
        Effect: 'Allow',
        Action: 'iot:Subscribe',
        Resource: `${arn}:topicfilter/$aws/things/${thing}/*`,
      },
    ],
  })
}

export const SIMULATOR_POLICY_NAME = 'fleetdeck-simulated-device'

export async function ensureDevicePolicy(
  iot: IoTClient,
  region: string,
  accountId: string,
  policyName = SIMULATOR_POLICY_NAME,
): Promise<string> {
  const exists = await iot.send(new GetPolicyCommand({ policyName })).then(
    () => true,
    () => false,
  )
  if (!exists)
    await iot.send(
      new CreatePolicyCommand({ policyName, policyDocument: ownTopicsPolicy(region, accountId) }),
    )
  return policyName
}

/** Provisions one certificate per thing, on demand, and remembers it for reconnections. */
export function provisionedCertificates(iot: IoTClient, policyName: string): CertificateSource {
  const made = new Map<string, Promise<DeviceCertificate>>()
  return (thingName) => {
    let certificate = made.get(thingName)
    if (certificate === undefined) {
      certificate = (async () => {
        const created = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }))
        const certificateArn = created.certificateArn ?? ''
        await iot.send(new AttachPolicyCommand({ policyName, target: certificateArn }))
        await iot.send(new AttachThingPrincipalCommand({ thingName, principal: certificateArn }))
        return {
          certificatePem: created.certificatePem ?? '',
          privateKey: created.keyPair?.PrivateKey ?? '',
        }
      })()
      made.set(thingName, certificate)
      certificate.catch(() => made.delete(thingName))
    }
    return certificate
  }
}
