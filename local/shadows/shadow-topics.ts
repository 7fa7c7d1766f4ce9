/**
 * The reserved MQTT topics of the Device Shadow service. A shadow's topics
 * start with `$aws/things/{thingName}/shadow` (classic) or
 * `$aws/things/{thingName}/shadow/name/{shadowName}` (named); a client
 * publishes a request to `…/update`, `…/get` or `…/delete`, and the service
 * publishes `…/accepted`, `…/rejected`, `…/update/delta` and
 * `…/update/documents`.
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-mqtt.html
 */
export type ShadowAction = 'update' | 'get' | 'delete'

export interface ShadowRequestTopic {
  readonly thingName: string
  /** Undefined for the classic shadow. */
  readonly shadowName?: string
  readonly action: ShadowAction
}

/** The request topics the service answers; every other shadow topic is an ordinary topic. */
export const SHADOW_REQUEST_FILTERS: readonly string[] = ['update', 'get', 'delete'].flatMap(
  (action) => [`$aws/things/+/shadow/${action}`, `$aws/things/+/shadow/name/+/${action}`],
)

const CLASSIC = /^\$aws\/things\/([^/]+)\/shadow\/(update|get|delete)$/
const NAMED = /^\$aws\/things\/([^/]+)\/shadow\/name\/([^/]+)\/(update|get|delete)$/

export function parseShadowRequestTopic(topic: string): ShadowRequestTopic | undefined {
  const classic = CLASSIC.exec(topic)
  if (classic !== null) {
    return { thingName: classic[1] ?? '', action: classic[2] as ShadowAction }
  }
  const named = NAMED.exec(topic)
  if (named !== null) {
    return {
      thingName: named[1] ?? '',
      shadowName: named[2] ?? '',
      action: named[3] as ShadowAction,
    }
  }
  return undefined
}

export function shadowTopicPrefix(thingName: string, shadowName: string | undefined): string {
  return shadowName === undefined
    ? `$aws/things/${thingName}/shadow`
    : `$aws/things/${thingName}/shadow/name/${shadowName}`
}
