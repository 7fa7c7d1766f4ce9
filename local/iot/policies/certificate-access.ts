import { ACCOUNT_ID, REGION } from '../../config.ts'
import type { CertificateAuthority } from '../../mqtt/mqtt-access.ts'
import type { Certificates } from '../certificates/certificates.ts'
import type { ThingPrincipals } from '../certificates/thing-principals.ts'
import type { Registry } from '../registry.ts'
import type { Policies } from './policies.ts'
import { evaluatePolicies, type ConnectionFacts } from './policy-evaluation.ts'

/**
 * Mutual TLS the AWS IoT way: the certificate must be registered and ACTIVE,
 * and its attached policies decide iot:Connect on `client/<clientId>` and
 * every later action.
 *
 * Which thing a connection is: AWS takes the thing whose name is the client
 * id when that thing is attached to the certificate; with an exclusive thing
 * association (AttachThingPrincipal EXCLUSIVE_THING) the certificate's one
 * thing, whatever the client id. Otherwise no thing is associated: the
 * connection is still allowed if a policy allows it without thing variables,
 * `${iot:Connection.Thing.*}` stay unresolved and IsAttached is false.
 * https://docs.aws.amazon.com/iot/latest/developerguide/thing-policy-variables.html
 * https://docs.aws.amazon.com/iot/latest/developerguide/exclusive-thing.html
 * Such a connection gets its client id as thing name for the broker, which
 * AWS IoT also uses as the thing name where it needs one (connectivity).
 */
export function createCertificateAccess({
  certificates,
  thingPrincipals,
  policies,
  registry,
}: {
  certificates: Certificates
  thingPrincipals: ThingPrincipals
  policies: Policies
  registry: Registry
}): CertificateAuthority {
  /** The facts of a connection of this certificate acting as `thingName` with `clientId`. */
  const factsOf = (
    certificateArn: string,
    thingName: string,
    clientId: string,
  ): ConnectionFacts => {
    const thing =
      thingPrincipals.get(thingName, certificateArn) === undefined
        ? undefined
        : registry.getThing(thingName)
    return {
      clientId,
      ...(thing === undefined
        ? {}
        : {
            thing: {
              thingName: thing.thingName,
              attributes: thing.attributes,
              ...(thing.thingTypeName === undefined ? {} : { thingTypeName: thing.thingTypeName }),
            },
          }),
    }
  }

  const decide = (
    certificateArn: string,
    action: string,
    resourceArn: string,
    facts: ConnectionFacts,
  ) =>
    evaluatePolicies(policies.documentsFor(certificateArn), action, resourceArn, facts) === 'allow'

  return {
    identify: (certificateId, clientId) => {
      const certificate = certificates.get(certificateId)
      if (certificate === undefined)
        return { refused: `certificate ${certificateId} is not registered` }
      if (certificate.status !== 'ACTIVE')
        return { refused: `certificate ${certificateId} is ${certificate.status}` }
      const attached = thingPrincipals.thingsOf(certificate.certificateArn)
      const thingName =
        attached.find((record) => record.thingName === clientId)?.thingName ??
        attached.find((record) => record.thingPrincipalType === 'EXCLUSIVE_THING')?.thingName ??
        clientId
      const facts = factsOf(certificate.certificateArn, thingName, clientId)
      const clientArn = `arn:aws:iot:${REGION}:${ACCOUNT_ID}:client/${clientId}`
      return decide(certificate.certificateArn, 'iot:Connect', clientArn, facts)
        ? { thingName }
        : {
            refused: `no policy of certificate ${certificateId} allows iot:Connect on ${clientArn}`,
          }
    },
    allows: (certificateId, action, resourceArn, { thingName, clientId }) => {
      const certificate = certificates.get(certificateId)
      // A certificate deactivated while connected is refused at once; its connections are closed too.
      if (certificate?.status !== 'ACTIVE') return false
      const facts = factsOf(certificate.certificateArn, thingName, clientId)
      return decide(certificate.certificateArn, action, resourceArn, facts)
    },
  }
}
