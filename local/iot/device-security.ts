import type { Clock } from '../clock.ts'
import type { CertificateAuthority } from '../mqtt/mqtt-access.ts'
import type { LocalCloudSchema } from '../state/records.ts'
import type { Store } from '../store/store.ts'
import { Certificates } from './certificates/certificates.ts'
import { openLocalCa } from './certificates/local-ca.ts'
import { ThingPrincipals } from './certificates/thing-principals.ts'
import { createCertificateAccess } from './policies/certificate-access.ts'
import { Policies } from './policies/policies.ts'
import type { Registry } from './registry.ts'

/**
 * How devices prove who they are and what they may do: certificates from the
 * local CA, their attachments to things, and IoT policies, which together
 * decide what a mutual-TLS connection may do (`mqttAccess`).
 */
export interface DeviceSecurity {
  readonly certificates: Certificates
  readonly thingPrincipals: ThingPrincipals
  readonly policies: Policies
  readonly mqttAccess: CertificateAuthority
}

/** Makes the CA on the first start; the caller flushes the store before serving. */
export function createDeviceSecurity(
  store: Store<LocalCloudSchema>,
  clock: Clock,
  registry: Registry,
  realNow: () => number = Date.now,
): DeviceSecurity {
  const certificates = new Certificates(store, clock, openLocalCa(store, realNow))
  const thingPrincipals = new ThingPrincipals(store)
  const policies = new Policies(store, clock)
  return {
    certificates,
    thingPrincipals,
    policies,
    mqttAccess: createCertificateAccess({ certificates, thingPrincipals, policies, registry }),
  }
}
