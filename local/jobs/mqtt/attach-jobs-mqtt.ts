import { EventConfigurations } from '../../iot/events/event-configurations.ts'
import type { MqttBroker } from '../../mqtt/mqtt-broker.ts'
import type { LocalCloudSchema } from '../../state/records.ts'
import type { Store } from '../../store/store.ts'
import type { DeviceDocuments } from '../device-documents.ts'
import { createJobEvents } from '../events/job-events.ts'
import type { JobEngine } from '../job-engine.ts'
import { createJobNotifications } from './job-notifications.ts'
import { serveJobsMqttApi } from './jobs-mqtt-api.ts'
import { createPublishAfterFlush } from './publish-after-flush.ts'

/**
 * AWS IoT Jobs on the MQTT broker: the device API under
 * `$aws/things/{thingName}/jobs/`, the notify and notify-next pushes, and
 * the job events. They share the engine and the device semantics with the
 * HTTPS data plane.
 */
export function attachJobsToMqtt({
  broker,
  engine,
  documents,
  store,
  onError = (error) => console.error(error),
}: {
  broker: MqttBroker
  engine: JobEngine
  documents: DeviceDocuments
  store: Store<LocalCloudSchema>
  onError?: (error: unknown) => void
}): void {
  const flush = () => store.flush()
  const publish = createPublishAfterFlush({
    flush,
    publish: (topic, payload) => broker.publish(topic, payload),
    onError,
  })
  engine.addListener(createJobNotifications({ engine, documents, publish }))
  engine.addListener(
    createJobEvents({
      engine,
      configurations: new EventConfigurations(store, engine.clock),
      publish,
    }),
  )
  serveJobsMqttApi(broker, { api: { engine, documents }, flush, onError })
}
