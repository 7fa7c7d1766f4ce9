import type { DeviceShadows } from '../../shadows/device-shadows.ts'
import type { ShadowRecord } from '../../shadows/records.ts'
import type { LocalCloudSchema } from '../../state/records.ts'
import type { Store } from '../../store/store.ts'
import type { Registry } from '../registry.ts'
import { DEFAULT_INDEXING_CONFIGURATION } from './indexing-configuration.ts'
import { INDEXING_CONFIGURATION_KEY, type IndexingConfigurationRecord } from './records.ts'
import {
  indexedFields,
  NEVER_CONNECTED,
  thingDocument,
  type IndexedFields,
  type ThingSources,
} from './thing-document.ts'

/** Told after a thing's document changed; `fields` is undefined once the thing left the index. */
export type IndexChangeListener = (thingName: string, fields: IndexedFields | undefined) => void

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The thing index (`AWS_Things`): one document per registered thing, built
 * from the registry, the shadows and connectivity as the indexing
 * configuration says, and rebuilt for one thing whenever one of those
 * changes for it, so a query never rebuilds anything. AWS updates its index
 * within seconds; this one is current when the change returns.
 * https://docs.aws.amazon.com/iot/latest/developerguide/managing-fleet-index.html
 */
export class FleetIndex {
  readonly #documents = new Map<string, IndexedFields>()
  /** Thing names in order, for paging; dropped when a thing joins or leaves the index. */
  #sortedNames: string[] | undefined
  readonly #listeners: IndexChangeListener[] = []
  readonly #rebuildListeners: (() => void)[] = []

  constructor(
    private readonly store: Store<LocalCloudSchema>,
    private readonly registry: Registry,
    private readonly shadows: Pick<DeviceShadows, 'get' | 'onShadowChange'>,
  ) {
    registry.addThingListener((thingName) => this.refresh(thingName))
    registry.addMembershipListener({ onMembershipChanged: (thingName) => this.refresh(thingName) })
    shadows.onShadowChange((thingName, shadowName) => {
      if (this.#indexesShadow(shadowName)) this.refresh(thingName)
    })
    this.#rebuild()
  }

  get configuration(): IndexingConfigurationRecord {
    return (
      this.store.get('indexingConfiguration', INDEXING_CONFIGURATION_KEY) ??
      DEFAULT_INDEXING_CONFIGURATION
    )
  }

  get isOn(): boolean {
    return this.configuration.thingIndexingMode !== 'OFF'
  }

  onChange(listener: IndexChangeListener): void {
    this.#listeners.push(listener)
  }

  /** Told after a new configuration re-indexed every thing. */
  onRebuild(listener: () => void): void {
    this.#rebuildListeners.push(listener)
  }

  /** Stores a configuration and re-indexes every thing by it. */
  configure(configuration: IndexingConfigurationRecord): void {
    this.store.put('indexingConfiguration', INDEXING_CONFIGURATION_KEY, configuration)
    this.#rebuild()
    for (const listener of this.#rebuildListeners) listener()
  }

  #rebuild(): void {
    this.#documents.clear()
    this.#sortedNames = undefined
    if (!this.isOn) return
    for (const thing of this.store.values('things'))
      this.#documents.set(thing.thingName, indexedFields(this.#sourcesOf(thing.thingName)))
  }

  /** Re-reads one thing from its sources. */
  refresh(thingName: string): void {
    if (!this.isOn) return
    const known = this.#documents.has(thingName)
    const fields =
      this.registry.getThing(thingName) === undefined
        ? undefined
        : indexedFields(this.#sourcesOf(thingName))
    if (fields === undefined) this.#documents.delete(thingName)
    else this.#documents.set(thingName, fields)
    if (known !== (fields !== undefined)) this.#sortedNames = undefined
    if (fields === undefined && !known) return
    for (const listener of this.#listeners) listener(thingName, fields)
  }

  #indexesShadow(shadowName: string | undefined): boolean {
    const config = this.configuration
    return shadowName === undefined
      ? config.thingIndexingMode === 'REGISTRY_AND_SHADOW'
      : config.namedShadowIndexingMode === 'ON' && config.namedShadowNames.includes(shadowName)
  }

  #sourcesOf(thingName: string): ThingSources {
    const config = this.configuration
    const thing = this.registry.describeThing(thingName)
    const namedShadows = new Map<string, ShadowRecord>()
    if (config.namedShadowIndexingMode === 'ON') {
      for (const name of config.namedShadowNames) {
        const shadow = this.shadows.get(thingName, name)
        if (shadow !== undefined) namedShadows.set(name, shadow)
      }
    }
    const shadow =
      config.thingIndexingMode === 'REGISTRY_AND_SHADOW'
        ? this.shadows.get(thingName, undefined)
        : undefined
    const connectivity =
      config.thingConnectivityIndexingMode === 'STATUS'
        ? (this.store.get('connectivity', thingName) ?? NEVER_CONNECTED(thingName))
        : undefined
    return {
      thing,
      groupNames: [...this.registry.groupTreeOf(thingName)].sort(byName),
      ...(shadow === undefined ? {} : { shadow }),
      namedShadows,
      ...(connectivity === undefined ? {} : { connectivity }),
    }
  }

  fieldsOf(thingName: string): IndexedFields | undefined {
    return this.#documents.get(thingName)
  }

  /** SearchIndex's document for an indexed thing. */
  documentOf(thingName: string): ReturnType<typeof thingDocument> {
    return thingDocument(this.#sourcesOf(thingName), this.configuration)
  }

  get size(): number {
    return this.#documents.size
  }

  /** Indexed things in name order, from just after `after` when given. */
  *inOrder(after?: string): Generator<[string, IndexedFields]> {
    this.#sortedNames ??= [...this.#documents.keys()].sort(byName)
    const names = this.#sortedNames
    let start = 0
    if (after !== undefined) {
      // Binary search for the first name greater than `after`.
      let high = names.length
      while (start < high) {
        const middle = (start + high) >>> 1
        if ((names[middle] ?? '') <= after) start = middle + 1
        else high = middle
      }
    }
    for (let index = start; index < names.length; index += 1) {
      const name = names[index] ?? ''
      const fields = this.#documents.get(name)
      if (fields !== undefined) yield [name, fields]
    }
  }

  /** Every indexed thing, in no particular order (aggregations). */
  entries(): IterableIterator<[string, IndexedFields]> {
    return this.#documents.entries()
  }
}
