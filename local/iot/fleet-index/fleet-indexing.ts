import type { Clock } from '../../clock.ts'
import type { MqttBroker } from '../../mqtt/mqtt-broker.ts'
import type { DeviceShadows } from '../../shadows/device-shadows.ts'
import type { LocalCloudSchema } from '../../state/records.ts'
import type { Store } from '../../store/store.ts'
import type { Registry } from '../registry.ts'
import { disconnectAllAtStart, trackConnectivity } from './connectivity.ts'
import { DynamicThingGroups } from './dynamic-thing-groups.ts'
import { FleetIndex } from './fleet-index.ts'

/** The thing index and the dynamic thing groups that follow it. */
export interface FleetIndexing {
  readonly index: FleetIndex
  readonly dynamicThingGroups: DynamicThingGroups
}

/**
 * Builds the index from what the store holds. Connections do not survive a
 * restart, so clients recorded as connected are disconnected first, and the
 * dynamic groups are brought in line with the result (continuous jobs hear
 * about things that leave them).
 */
export function createFleetIndexing({
  store,
  clock,
  registry,
  shadows,
}: {
  store: Store<LocalCloudSchema>
  clock: Clock
  registry: Registry
  shadows: Pick<DeviceShadows, 'get' | 'onShadowChange'>
}): FleetIndexing {
  disconnectAllAtStart(store, clock)
  const index = new FleetIndex(store, registry, shadows)
  const dynamicThingGroups = new DynamicThingGroups(index, registry)
  dynamicThingGroups.refillAll()
  return { index, dynamicThingGroups }
}

/** Feeds the index the broker's connects and disconnects (connectivity.*). */
export function indexConnectivity(
  { index }: FleetIndexing,
  {
    broker,
    store,
    clock,
    registry,
    onError,
  }: {
    broker: MqttBroker
    store: Store<LocalCloudSchema>
    clock: Clock
    registry: Registry
    onError?: (error: unknown) => void
  },
): void {
  trackConnectivity({
    broker,
    store,
    clock,
    isThing: (clientId) => registry.getThing(clientId) !== undefined,
    onChange: (thingName) => index.refresh(thingName),
    ...(onError === undefined ? {} : { onError }),
  })
}
