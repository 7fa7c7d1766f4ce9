import { createManualClock } from '../clock.ts'
import { createFleetIndexing } from '../iot/fleet-index/fleet-indexing.ts'
import { DEFAULT_INDEXING_CONFIGURATION } from '../iot/fleet-index/indexing-configuration.ts'
import type { IndexingConfigurationRecord } from '../iot/fleet-index/records.ts'
import { Registry } from '../iot/registry.ts'
import { JobEngine } from '../jobs/job-engine.ts'
import { createDeviceShadows } from '../shadows/device-shadows.ts'
import { ShadowRejection } from '../shadows/shadow-request.ts'
import type { LocalCloudSchema } from '../state/records.ts'
import { MemoryStore } from '../store/store.ts'

/** Registry, shadows, job engine and fleet indexing over one in-memory store, with no server. */
export function fleetIndexWorld(store = new MemoryStore<LocalCloudSchema>()) {
  const clock = createManualClock(Date.UTC(2026, 10, 22, 12, 0))
  const registry = new Registry(store, clock)
  const engine = new JobEngine(store, registry, clock, (error) => {
    throw error
  })
  const shadows = createDeviceShadows({
    store,
    clock,
    publish: () => Promise.resolve(),
    onError: (error) => {
      throw error
    },
  })
  const fleetIndexing = createFleetIndexing({ store, clock, registry, shadows })
  const { index, dynamicThingGroups } = fleetIndexing
  const configure = (changes: Partial<IndexingConfigurationRecord>) =>
    index.configure({ ...DEFAULT_INDEXING_CONFIGURATION, ...changes })
  const report = async (thingName: string, reported: unknown, shadowName?: string) => {
    const answer = await shadows.updateThingShadow(
      thingName,
      shadowName,
      new TextEncoder().encode(JSON.stringify({ state: { reported } })),
    )
    if (answer instanceof ShadowRejection)
      throw new Error(`shadow update refused: ${answer.message}`)
  }
  const thing = (thingName: string, attributes: Record<string, string> = {}) =>
    registry.createThing({ thingName, attributes }).thingName
  return {
    store,
    clock,
    registry,
    engine,
    shadows,
    fleetIndexing,
    index,
    dynamicThingGroups,
    configure,
    report,
    thing,
  }
}
