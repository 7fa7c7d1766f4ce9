import type { Service } from '../edge/service.ts'
import type { DeviceSecurity } from './device-security.ts'
import {
  createKeysAndCertificate,
  deleteCertificate,
  describeCertificate,
  listCertificates,
  registerCertificate,
  updateCertificate,
} from './operations/certificates.ts'
import {
  attachPolicy,
  attachPrincipalPolicy,
  createPolicy,
  deletePolicy,
  detachPolicy,
  detachPrincipalPolicy,
  getPolicy,
  listAttachedPolicies,
  listPolicies,
  listPrincipalPolicies,
  listTargetsForPolicy,
} from './operations/policies.ts'
import {
  attachThingPrincipal,
  detachThingPrincipal,
  listPrincipalThings,
  listPrincipalThingsV2,
  listThingPrincipals,
  listThingPrincipalsV2,
} from './operations/thing-principals.ts'
import type { Registry } from './registry.ts'

/** Certificates, thing principals and policies on the control plane, bound as the IoT model binds them. */
export function routeDeviceSecurity(
  service: Service,
  security: DeviceSecurity,
  registry: Registry,
): Service {
  return service
    .route('POST', '/keys-and-certificate', createKeysAndCertificate(security))
    .route('POST', '/certificate/register', registerCertificate(security))
    .route('GET', '/certificates/{certificateId}', describeCertificate(security))
    .route('GET', '/certificates', listCertificates(security))
    .route('PUT', '/certificates/{certificateId}', updateCertificate(security))
    .route('DELETE', '/certificates/{certificateId}', deleteCertificate(security))
    .route('PUT', '/things/{thingName}/principals', attachThingPrincipal(security, registry))
    .route('DELETE', '/things/{thingName}/principals', detachThingPrincipal(security, registry))
    .route('GET', '/things/{thingName}/principals', listThingPrincipals(security, registry))
    .route('GET', '/things/{thingName}/principals-v2', listThingPrincipalsV2(security, registry))
    .route('GET', '/principals/things', listPrincipalThings(security))
    .route('GET', '/principals/things-v2', listPrincipalThingsV2(security))
    .route('POST', '/policies/{policyName}', createPolicy(security))
    .route('GET', '/policies/{policyName}', getPolicy(security))
    .route('GET', '/policies', listPolicies(security))
    .route('DELETE', '/policies/{policyName}', deletePolicy(security))
    .route('PUT', '/target-policies/{policyName}', attachPolicy(security))
    .route('POST', '/target-policies/{policyName}', detachPolicy(security))
    .route('POST', '/attached-policies/{target}', listAttachedPolicies(security))
    .route('POST', '/policy-targets/{policyName}', listTargetsForPolicy(security))
    .route('PUT', '/principal-policies/{policyName}', attachPrincipalPolicy(security))
    .route('DELETE', '/principal-policies/{policyName}', detachPrincipalPolicy(security))
    .route('GET', '/principal-policies', listPrincipalPolicies(security))
}
