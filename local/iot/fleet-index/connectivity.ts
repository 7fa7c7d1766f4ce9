import type { Clock } from '../../clock.ts'
import type { MqttBroker, MqttIdentity } from '../../mqtt/mqtt-broker.ts'
import type { LocalCloudSchema } from '../../state/records.ts'
import type { Store } from '../../store/store.ts'
import type { ConnectivityRecord } from './records.ts'

/**
 * Connection state per client id, from the broker's connects and
 * disconnects, as AWS IoT's lifecycle events feed fleet indexing: "Fleet
 * indexing indexes the connectivity status for a device whose connection
 * clientId is the same as the thingName of a registered thing."
 * Timestamps are emulated epoch milliseconds. Records are stored, so the
 * last state survives a restart.
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-connectivity-status.html
 */
export function trackConnectivity({
  broker,
  store,
  clock,
  isThing,
  onChange,
  onError = (error) => console.error(error),
}: {
  broker: MqttBroker
  store: Store<LocalCloudSchema>
  clock: Clock
  /** Whether a client id names a registered thing. */
  isThing: (clientId: string) => boolean
  /** Told after a record changes (the index refreshes the thing). */
  onChange: (thingName: string) => void
  onError?: (error: unknown) => void
}): void {
  // The connection a client id's record follows: a takeover's late disconnect must not undo it.
  const current = new Map<string, MqttIdentity>()

  const record = (thingName: string, next: Omit<ConnectivityRecord, 'thingName' | 'version'>) => {
    const previous = store.get('connectivity', thingName)
    store.put('connectivity', thingName, {
      thingName,
      ...next,
      version: (previous?.version ?? 0) + 1,
    })
    onChange(thingName)
    // Nothing waits on this write; a later acknowledged write, or the next one, makes it durable.
    store.flush().catch(onError)
  }

  broker.onConnectionChange((identity, connected, disconnectReason) => {
    const clientId = identity.clientId
    if (!isThing(clientId)) return
    if (connected) {
      current.set(clientId, identity)
      record(clientId, { connected: true, timestampMs: clock.now() })
      return
    }
    if (current.get(clientId) !== identity) return
    current.delete(clientId)
    record(clientId, {
      connected: false,
      timestampMs: clock.now(),
      disconnectReason: disconnectReason ?? 'CONNECTION_LOST',
    })
  })
}

/**
 * At start no client is connected, whatever the records say (the process
 * stopped without hearing the disconnects, after SIGKILL for one): each is
 * disconnected now, by the server.
 */
export function disconnectAllAtStart(store: Store<LocalCloudSchema>, clock: Clock): string[] {
  const now = clock.now()
  const disconnected: string[] = []
  for (const record of [...store.values('connectivity')]) {
    if (!record.connected) continue
    store.put('connectivity', record.thingName, {
      thingName: record.thingName,
      connected: false,
      timestampMs: now,
      disconnectReason: 'SERVER_INITIATED_DISCONNECT',
      version: record.version + 1,
    })
    disconnected.push(record.thingName)
  }
  return disconnected
}
