import { ACCOUNT_ID, REGION } from '../config.ts'
import { isPermitted } from '../edge/authorize.ts'
import type { Registry } from '../iot/registry.ts'
import type { ConnectionContext, MqttAccess, MqttIdentity } from './mqtt-broker.ts'
import { filterWithin, topicMatches } from './topics.ts'

/**
 * AWS IoT's authorization for MQTT, by how the connection authenticated:
 * - mutual TLS: the certificate's attached IoT policies decide every
 *   connect, publish, subscribe and receive (AWS's own model);
 * - WebSocket signed with SigV4: the IAM role's statements
 *   (domain/permissions.ts: viewers and operators may subscribe to and
 *   receive `$aws/events/…`, and publish nothing);
 * - plain TCP on the loopback (a local convenience AWS does not have): the
 *   client id names a thing, which may use its own `$aws/things/{name}/…`
 *   topics and nothing else.
 * The retain flag needs iot:RetainPublish as well as iot:Publish, as on AWS;
 * no Fleetdeck IAM role has it.
 * https://docs.aws.amazon.com/iot/latest/developerguide/iot-policy-actions.html
 */

/** What mutual TLS needs from the certificate registry (local/iot/certificates). */
export interface CertificateAuthority {
  /** The thing a certificate connects as with this client id, or why it may not connect. */
  identify(certificateId: string, clientId: string): { thingName: string } | { refused: string }
  /** Whether the certificate's policies allow the action (iot:Publish, …) on the resource ARN. */
  allows(
    certificateId: string,
    action: string,
    resourceArn: string,
    connection: { thingName: string; clientId: string },
  ): boolean
}

const arnOf = (kind: 'client' | 'topic' | 'topicfilter', name: string) =>
  `arn:aws:iot:${REGION}:${ACCOUNT_ID}:${kind}/${name}`

const thingTopics = (thingName: string) => `$aws/things/${thingName}/#`

function decide(
  identity: MqttIdentity,
  certificates: CertificateAuthority | undefined,
  action: 'iot:Publish' | 'iot:RetainPublish' | 'iot:Subscribe' | 'iot:Receive',
  resourceArn: string,
  ownTopics: () => boolean,
): boolean {
  if (identity.kind === 'iam') return isPermitted(identity.principal, action, resourceArn)
  if (identity.certificateId !== undefined) {
    return (
      certificates?.allows(identity.certificateId, action, resourceArn, {
        thingName: identity.thingName,
        clientId: identity.clientId,
      }) ?? false
    )
  }
  return ownTopics()
}

export function createMqttAccess(
  registry: Registry,
  certificates?: CertificateAuthority,
): MqttAccess {
  return {
    identify: (context: ConnectionContext, clientId: string) => {
      switch (context.transport) {
        case 'tcp':
          return registry.getThing(clientId) === undefined
            ? { refused: `client id ${clientId} names no thing` }
            : { kind: 'thing', thingName: clientId, clientId }
        case 'tls': {
          if (certificates === undefined) return { refused: 'mutual TLS is not configured' }
          const found = certificates.identify(context.certificateId, clientId)
          if ('refused' in found) return found
          return {
            kind: 'thing',
            thingName: found.thingName,
            clientId,
            certificateId: context.certificateId,
          }
        }
        case 'websocket':
          return isPermitted(context.caller.principal, 'iot:Connect', arnOf('client', clientId))
            ? { kind: 'iam', principal: context.caller.principal, clientId }
            : { refused: `${context.caller.principal.arn} may not connect as ${clientId}` }
      }
    },
    mayPublish: (identity, topic) =>
      decide(identity, certificates, 'iot:Publish', arnOf('topic', topic), () =>
        identity.kind === 'thing' ? topicMatches(thingTopics(identity.thingName), topic) : false,
      ),
    mayRetain: (identity, topic) =>
      decide(identity, certificates, 'iot:RetainPublish', arnOf('topic', topic), () =>
        identity.kind === 'thing' ? topicMatches(thingTopics(identity.thingName), topic) : false,
      ),
    maySubscribe: (identity, filter) =>
      decide(identity, certificates, 'iot:Subscribe', arnOf('topicfilter', filter), () =>
        identity.kind === 'thing' ? filterWithin(filter, thingTopics(identity.thingName)) : false,
      ),
    mayReceive: (identity, topic) =>
      decide(identity, certificates, 'iot:Receive', arnOf('topic', topic), () =>
        identity.kind === 'thing' ? topicMatches(thingTopics(identity.thingName), topic) : false,
      ),
  }
}
