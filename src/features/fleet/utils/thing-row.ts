import type { ThingDocument } from '@aws-sdk/client-iot'
import { parseIndexedShadow, reportedFirmwareOf } from '@domain/reported-firmware.ts'

/**
 * One thing as the fleet views show it, from its fleet-index document:
 * registry data, the firmware its shadow reports, and connectivity.
 */
export interface ThingConnectivity {
  readonly connected: boolean
  /** When it last connected or disconnected; undefined when it never did. */
  readonly since?: Date
  /** Why it last disconnected (AWS lifecycle-event reasons such as CONNECTION_LOST). */
  readonly disconnectReason?: string
}

export interface ThingRow {
  readonly thingName: string
  readonly thingTypeName?: string
  /** The thing type, else the `model` attribute, else the model the firmware reports. */
  readonly model?: string
  readonly firmwareVersion?: string
  /** Undefined when the index does not hold connectivity (thingConnectivityIndexingMode OFF). */
  readonly connectivity?: ThingConnectivity
  readonly thingGroupNames: readonly string[]
  readonly attributes: Readonly<Record<string, string>>
}

function connectivityOf(document: ThingDocument): ThingConnectivity | undefined {
  const connectivity = document.connectivity
  if (connectivity?.connected === undefined) return undefined
  // Epoch milliseconds; 0 for a thing that has never connected.
  const timestamp = connectivity.timestamp
  const reason = connectivity.disconnectReason
  return {
    connected: connectivity.connected,
    ...(timestamp === undefined || timestamp <= 0 ? {} : { since: new Date(timestamp) }),
    ...(connectivity.connected || !reason ? {} : { disconnectReason: reason }),
  }
}

export function thingRowOf(document: ThingDocument): ThingRow {
  const attributes = document.attributes ?? {}
  const firmware = reportedFirmwareOf(parseIndexedShadow(document.shadow))
  const model = document.thingTypeName || attributes.model || firmware.model
  const connectivity = connectivityOf(document)
  return {
    thingName: document.thingName ?? '',
    ...(document.thingTypeName ? { thingTypeName: document.thingTypeName } : {}),
    ...(model ? { model } : {}),
    ...(firmware.version === undefined ? {} : { firmwareVersion: firmware.version }),
    ...(connectivity === undefined ? {} : { connectivity }),
    thingGroupNames: document.thingGroupNames ?? [],
    attributes,
  }
}
