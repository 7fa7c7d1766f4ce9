/**
 * What fleet indexing stores: its configuration (UpdateIndexingConfiguration)
 * and each client's last connection state. The index's documents are not
 * stored: they are rebuilt from the registry, the shadows and these records
 * at start, and kept current as those change.
 */
export type ThingIndexingMode = 'OFF' | 'REGISTRY' | 'REGISTRY_AND_SHADOW'
export type IndexFieldType = 'Number' | 'String' | 'Boolean'

export interface IndexField {
  readonly name: string
  readonly type: IndexFieldType
}

export interface IndexingConfigurationRecord {
  readonly thingIndexingMode: ThingIndexingMode
  readonly thingConnectivityIndexingMode: 'OFF' | 'STATUS'
  readonly namedShadowIndexingMode: 'OFF' | 'ON'
  /** `filter.namedShadowNames`: the named shadows indexed when namedShadowIndexingMode is ON. */
  readonly namedShadowNames: readonly string[]
  readonly customFields: readonly IndexField[]
  readonly thingGroupIndexingMode: 'OFF' | 'ON'
  readonly thingGroupCustomFields: readonly IndexField[]
}

/**
 * The connection state of the client whose id is `thingName`, as AWS IoT's
 * lifecycle events report it. Kept whatever the indexing configuration says,
 * so switching connectivity indexing on shows the current state at once.
 */
export interface ConnectivityRecord {
  readonly thingName: string
  readonly connected: boolean
  /** Emulated epoch milliseconds of the last connect or disconnect. */
  readonly timestampMs: number
  /** Set while disconnected: AWS's disconnect reason (CLIENT_INITIATED_DISCONNECT, CONNECTION_LOST, …). */
  readonly disconnectReason?: string
  /** One more at each connect and disconnect (the managed field connectivity.version). */
  readonly version: number
}

export interface FleetIndexSchema {
  indexingConfiguration: IndexingConfigurationRecord
  connectivity: ConnectivityRecord
}

export const INDEXING_CONFIGURATION_KEY = 'current'
