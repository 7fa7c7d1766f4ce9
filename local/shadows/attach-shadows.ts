import type { Clock } from '../clock.ts'
import type { MqttBroker } from '../mqtt/mqtt-broker.ts'
import type { LocalCloudSchema } from '../state/records.ts'
import type { Store } from '../store/store.ts'
import { createDeviceShadows, type DeviceShadows } from './device-shadows.ts'
import { serveShadowsMqtt } from './shadows-mqtt.ts'

/** The Device Shadow service on the broker: it answers the shadow request topics and announces changes there. */
export function attachShadows({
  store,
  clock,
  broker,
  onError = (error) => console.error(error),
}: {
  store: Store<LocalCloudSchema>
  clock: Clock
  broker: MqttBroker
  onError?: (error: unknown) => void
}): DeviceShadows {
  const shadows = createDeviceShadows({
    store,
    clock,
    publish: (topic, payload) => broker.publish(topic, payload),
    onError,
  })
  serveShadowsMqtt(broker, shadows, onError)
  return shadows
}
