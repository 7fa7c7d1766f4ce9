import type { ShadowRecord } from '../../shadows/records.ts'
import { isJsonObject, type JsonValue } from '../../shadows/json-values.ts'
import { computeDelta } from '../../shadows/shadow-state.ts'
import type { ThingRecord } from '../../state/records.ts'
import type { ConnectivityRecord, IndexingConfigurationRecord } from './records.ts'

/**
 * A thing as the index holds it: each field (`thingName`,
 * `attributes.model`, `shadow.reported.firmware.version`, …) with its
 * values, and the ThingDocument SearchIndex answers with.
 *
 * Shadow state is flattened as AWS documents it: nested member names join
 * with dots, an array of simple values gives one value per item, an array
 * holding objects or arrays is not indexed, null is not indexed.
 * https://docs.aws.amazon.com/iot/latest/developerguide/managing-index.html#index-limitations
 */
export type IndexValue = string | number | boolean
export type IndexedFields = ReadonlyMap<string, readonly IndexValue[]>

/** What the index reads about one thing; shadows and connectivity only as the configuration indexes them. */
export interface ThingSources {
  readonly thing: ThingRecord
  /** Direct groups and their ancestors. */
  readonly groupNames: readonly string[]
  /** The classic shadow. */
  readonly shadow?: ShadowRecord
  readonly namedShadows: ReadonlyMap<string, ShadowRecord>
  /** Undefined when connectivity is not indexed; a thing that never connected has a record of its own making. */
  readonly connectivity?: ConnectivityRecord
}

/** How a thing that never connected reads once connectivity is indexed: "this value might be 0". */
export const NEVER_CONNECTED = (thingName: string): ConnectivityRecord => ({
  thingName,
  connected: false,
  timestampMs: 0,
  version: 0,
})

const isSimple = (value: JsonValue): value is IndexValue =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'

function add(fields: Map<string, IndexValue[]>, name: string, value: IndexValue): void {
  const values = fields.get(name)
  if (values === undefined) fields.set(name, [value])
  else values.push(value)
}

function flatten(fields: Map<string, IndexValue[]>, prefix: string, value: JsonValue): void {
  if (value === null) return
  if (Array.isArray(value)) {
    const items = value as readonly JsonValue[]
    if (items.every(isSimple)) for (const item of items) add(fields, prefix, item)
    return
  }
  if (isJsonObject(value)) {
    for (const [key, member] of Object.entries(value)) flatten(fields, `${prefix}.${key}`, member)
    return
  }
  if (isSimple(value)) add(fields, prefix, value)
}

function addShadow(fields: Map<string, IndexValue[]>, prefix: string, shadow: ShadowRecord): void {
  const { desired, reported } = shadow.state
  if (desired !== undefined) flatten(fields, `${prefix}.desired`, desired)
  if (reported !== undefined) flatten(fields, `${prefix}.reported`, reported)
  const delta = computeDelta(desired, reported)
  if (delta !== undefined) flatten(fields, `${prefix}.delta`, delta)
  add(fields, `${prefix}.hasDelta`, delta !== undefined)
  add(fields, `${prefix}.version`, shadow.version)
}

export function indexedFields(sources: ThingSources): IndexedFields {
  const { thing } = sources
  const fields = new Map<string, IndexValue[]>()
  add(fields, 'thingName', thing.thingName)
  add(fields, 'thingId', thing.thingId)
  if (thing.thingTypeName !== undefined) add(fields, 'thingTypeName', thing.thingTypeName)
  for (const group of sources.groupNames) add(fields, 'thingGroupNames', group)
  add(fields, 'registry.version', thing.version)
  for (const [name, value] of Object.entries(thing.attributes))
    add(fields, `attributes.${name}`, value)
  if (sources.shadow !== undefined) addShadow(fields, 'shadow', sources.shadow)
  for (const [name, shadow] of sources.namedShadows)
    addShadow(fields, `shadow.name.${name}`, shadow)
  const connectivity = sources.connectivity
  if (connectivity !== undefined) {
    add(fields, 'connectivity.connected', connectivity.connected)
    add(fields, 'connectivity.timestamp', connectivity.timestampMs)
    add(fields, 'connectivity.version', connectivity.version)
    if (!connectivity.connected && connectivity.disconnectReason !== undefined)
      add(fields, 'connectivity.disconnectReason', connectivity.disconnectReason)
  }
  return fields
}

/** A shadow as SearchIndex shows it: its sections, metadata, version and time in epoch seconds. */
function shadowView(shadow: ShadowRecord) {
  return {
    ...shadow.state,
    metadata: shadow.metadata,
    version: shadow.version,
    timestamp: Math.floor(shadow.updatedAtMs / 1000),
  }
}

/** SearchIndex's ThingDocument; `shadow` is a JSON string, as the model types it. */
export function thingDocument(sources: ThingSources, config: IndexingConfigurationRecord) {
  const { thing, connectivity } = sources
  const named = Object.fromEntries(
    [...sources.namedShadows].map(([name, shadow]) => [name, shadowView(shadow)]),
  )
  const shadow =
    sources.shadow === undefined && sources.namedShadows.size === 0
      ? undefined
      : {
          ...(sources.shadow === undefined ? {} : shadowView(sources.shadow)),
          ...(sources.namedShadows.size === 0 ? {} : { name: named }),
        }
  return {
    thingName: thing.thingName,
    thingId: thing.thingId,
    thingTypeName: thing.thingTypeName,
    thingGroupNames: sources.groupNames,
    attributes: thing.attributes,
    shadow: shadow === undefined ? undefined : JSON.stringify(shadow),
    connectivity:
      connectivity === undefined || config.thingConnectivityIndexingMode !== 'STATUS'
        ? undefined
        : {
            connected: connectivity.connected,
            timestamp: connectivity.timestampMs,
            ...(connectivity.connected || connectivity.disconnectReason === undefined
              ? {}
              : { disconnectReason: connectivity.disconnectReason }),
          },
  }
}
