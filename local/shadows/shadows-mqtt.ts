import type { MqttBroker, ServiceRequest } from '../mqtt/mqtt-broker.ts'
import type { DeviceShadows } from './device-shadows.ts'
import { errorDocument } from './shadow-documents.ts'
import { readTokenOnly, ShadowRejection } from './shadow-request.ts'
import {
  parseShadowRequestTopic,
  SHADOW_REQUEST_FILTERS,
  shadowTopicPrefix,
} from './shadow-topics.ts'

/**
 * The Device Shadow service's MQTT API. Its responses are ordinary publishes
 * on the response topics, delivered to every client subscribed to them and
 * allowed to receive them, the requester included only if it subscribed:
 * AWS lists the shadow response topics as "Subscribe" topics, unlike the
 * Jobs API's responses that go to the requester alone, and tells clients to
 * "subscribe to the response topics before you publish a request topic".
 * https://docs.aws.amazon.com/iot/latest/developerguide/reserved-topics.html#reserved-topics-shadow
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-comms-device.html
 */
export async function answerShadowRequest(
  shadows: DeviceShadows,
  publish: MqttBroker['publish'],
  request: Pick<ServiceRequest, 'topic' | 'payload'>,
): Promise<void> {
  const topic = parseShadowRequestTopic(request.topic)
  if (topic === undefined) return
  const { thingName, shadowName, action } = topic
  const rejectedTopic = `${shadowTopicPrefix(thingName, shadowName)}/${action}/rejected`
  const reject = (rejection: ShadowRejection) => publish(rejectedTopic, errorDocument(rejection))
  switch (action) {
    case 'update': {
      // Accepted updates are announced by the service itself (also for HTTPS updates).
      const result = await shadows.updateThingShadow(thingName, shadowName, request.payload)
      if (result instanceof ShadowRejection) await reject(result)
      return
    }
    case 'delete': {
      const token = readTokenOnly(request.payload)
      if (token instanceof ShadowRejection) return reject(token)
      const result = await shadows.deleteThingShadow(thingName, shadowName, token.clientToken)
      if (result instanceof ShadowRejection) await reject(result)
      return
    }
    case 'get': {
      const token = readTokenOnly(request.payload)
      if (token instanceof ShadowRejection) return reject(token)
      // Published by the service, after the version read is durable and announced.
      const result = await shadows.publishThingShadow(thingName, shadowName, token.clientToken)
      if (result instanceof ShadowRejection) await reject(result)
      return
    }
  }
}

/** Serves the shadow request topics on the broker; a failure is logged, never thrown at the broker. */
export function serveShadowsMqtt(
  broker: MqttBroker,
  shadows: DeviceShadows,
  onError: (error: unknown) => void = (error) => console.error(error),
): void {
  const publish = (topic: string, payload: unknown) => broker.publish(topic, payload)
  for (const filter of SHADOW_REQUEST_FILTERS) {
    broker.serve(filter, (request) => {
      answerShadowRequest(shadows, publish, request).catch(onError)
    })
  }
}
