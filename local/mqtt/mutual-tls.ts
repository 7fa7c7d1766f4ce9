import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LocalCloud } from '../cloud.ts'
import { listenMqttTls, type MqttTlsListener } from './tls-listener.ts'

/** Where devices find the CA to trust: beside the data, rewritten at every start. */
export const ROOT_CA_FILE = 'root-ca.pem'

/**
 * Starts the mutual-TLS listener: writes the local CA to `<dataDir>/root-ca.pem`
 * for devices to trust (it stands in for Amazon's root CA), gives the listener
 * a fresh certificate for the loopback names, and closes a certificate's
 * connections when it stops being ACTIVE.
 */
export async function startMutualTls(
  cloud: LocalCloud,
  { host, port, dataDir }: { host: string; port: number; dataDir: string },
): Promise<{ listener: MqttTlsListener; rootCaPath: string }> {
  const { ca } = cloud.security.certificates
  const rootCaPath = join(dataDir, ROOT_CA_FILE)
  await writeFile(rootCaPath, ca.certificatePem)
  const identity = ca.issueServerIdentity()
  const listener = await listenMqttTls(cloud.mqtt, {
    host,
    port,
    certificatePem: identity.certificatePem,
    privateKeyPem: identity.privateKeyPem,
    caPem: ca.certificatePem,
  })
  cloud.security.certificates.onDeactivated((certificateId) => listener.disconnect(certificateId))
  return { listener, rootCaPath }
}
