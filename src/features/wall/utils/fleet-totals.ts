import {
  FIRMWARE_MODEL_INDEX_FIELD,
  FIRMWARE_VERSION_INDEX_FIELD,
} from '@domain/fleet-index-custom-fields.ts'
import { parseFleetIndexQuery, queryValue } from '@domain/fleet-index-query.ts'
import { compareVersionsNewestFirst } from '@domain/firmware-version.ts'

/**
 * The wall's fleet totals, shaped from aggregation answers only: devices
 * (GetStatistics over every thing), online devices (GetStatistics over
 * `connectivity.connected:true`), devices per model (one
 * GetBucketsAggregation on the reported model) and, for each model shown,
 * devices per firmware version (one GetBucketsAggregation each). The number
 * of calls depends on how many models are shown (at most MAX_MODELS), never
 * on how many devices there are.
 */
export const ALL_THINGS_QUERY = 'thingName:*'
export const ONLINE_QUERY = 'connectivity.connected:true'
/** Models drawn, largest first; a fleet has a handful, and a wall has room for no more. */
export const MAX_MODELS = 6
/** Versions drawn per model, newest first; the rest share one "older" segment. */
export const MAX_VERSIONS = 4
/** Buckets asked for: enough that a model's count is right even when it runs many versions. */
export const MODEL_BUCKETS = 100
export const VERSION_BUCKETS = 100

export interface BucketsAnswer {
  readonly totalCount?: number | undefined
  readonly buckets?: readonly { keyValue?: string | undefined; count?: number | undefined }[]
}

export interface VersionSegment {
  /** A version, or undefined for the segment of older versions merged together. */
  readonly version: string | undefined
  readonly count: number
}

export interface ModelVersions {
  readonly model: string
  readonly devices: number
  /** Newest first; the last may merge older versions. */
  readonly segments: readonly VersionSegment[]
  /** Devices of this model that report no version. */
  readonly unreported: number
}

export interface FleetTotals {
  readonly devices: number
  readonly online: number
  readonly models: readonly ModelVersions[]
  /** Devices of models not drawn, or reporting no model. */
  readonly otherDevices: number
}

const count = (value: number | undefined): number =>
  value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0

function bucketsOf(answer: BucketsAnswer): { key: string; count: number }[] {
  return (answer.buckets ?? [])
    .filter((bucket) => bucket.keyValue !== undefined && bucket.keyValue !== '')
    .map((bucket) => ({ key: bucket.keyValue ?? '', count: count(bucket.count) }))
    .filter((bucket) => bucket.count > 0)
}

/** The versions query of one model, or undefined when the model's name cannot be queried. */
export function modelVersionsQuery(model: string): string | undefined {
  const queryString = `${FIRMWARE_MODEL_INDEX_FIELD}:${queryValue(model)}`
  return parseFleetIndexQuery(queryString).ok ? queryString : undefined
}

export const modelBucketsInput = {
  queryString: ALL_THINGS_QUERY,
  aggregationField: FIRMWARE_MODEL_INDEX_FIELD,
  maxBuckets: MODEL_BUCKETS,
} as const

export const versionBucketsInput = (queryString: string) =>
  ({
    queryString,
    aggregationField: FIRMWARE_VERSION_INDEX_FIELD,
    maxBuckets: VERSION_BUCKETS,
  }) as const

/** The models to draw: the largest first (ties by name), and only those the index can be asked about. */
export function shownModels(models: BucketsAnswer, max = MAX_MODELS): string[] {
  return bucketsOf(models)
    .filter((bucket) => modelVersionsQuery(bucket.key) !== undefined)
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, max)
    .map((bucket) => bucket.key)
}

/** One model's bar: newest versions first, the older ones merged past `maxVersions`. */
export function modelVersionsOf(
  model: string,
  versions: BucketsAnswer,
  maxVersions = MAX_VERSIONS,
): ModelVersions {
  const sorted = bucketsOf(versions).sort((a, b) => compareVersionsNewestFirst(a.key, b.key))
  const inBuckets = sorted.reduce((sum, bucket) => sum + bucket.count, 0)
  const devices = Math.max(count(versions.totalCount), inBuckets)
  const kept = sorted.length > maxVersions ? sorted.slice(0, maxVersions - 1) : sorted
  const older = sorted.slice(kept.length).reduce((sum, bucket) => sum + bucket.count, 0)
  const segments: VersionSegment[] = kept.map((bucket) => ({
    version: bucket.key,
    count: bucket.count,
  }))
  if (older > 0) segments.push({ version: undefined, count: older })
  return { model, devices, segments, unreported: devices - inBuckets }
}

export function fleetTotalsOf({
  devices,
  online,
  models,
}: {
  readonly devices: number
  readonly online: number
  readonly models: readonly ModelVersions[]
}): FleetTotals {
  const total = count(devices)
  const inModels = models.reduce((sum, model) => sum + model.devices, 0)
  return {
    devices: total,
    // Connectivity and registry are indexed apart; the online count can briefly run ahead.
    online: Math.min(count(online), total),
    models,
    otherDevices: Math.max(0, total - inModels),
  }
}

/** A part of a whole in whole percent, for labels: never 100 % unless it is all, never 0 % unless none. */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0 || part <= 0) return 0
  if (part >= whole) return 100
  return Math.min(99, Math.max(1, Math.round((part / whole) * 100)))
}
