import {
  isEmptyObject,
  isJsonObject,
  jsonEqual,
  ownMember,
  setMember,
  type JsonObject,
  type JsonValue,
} from './json-values.ts'

/**
 * The semantics of a shadow's state, without storage or wire: how an update
 * merges into `desired` and `reported`, the per-leaf metadata timestamps, and
 * the computed `delta`.
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-document.html
 */
export type ShadowSection = 'desired' | 'reported'
export const SHADOW_SECTIONS: readonly ShadowSection[] = ['desired', 'reported']

/** A section is absent when it has no members: "the section is removed from the document". */
export type ShadowState = Partial<Record<ShadowSection, JsonObject>>

/**
 * Mirrors the state: an object's metadata is an object of its members'
 * metadata, and every other value (string, number, boolean, array) has
 * `{"timestamp": epochSeconds}` of the update that last set it.
 */
export type ShadowMetadata = Partial<Record<ShadowSection, JsonObject>>

/** What an update asks for: a section set to null is removed, `state: null` removes both. */
export type StatePatch = Partial<Record<ShadowSection, JsonObject | null>> | null

export interface StateWithMetadata {
  readonly state: ShadowState
  readonly metadata: ShadowMetadata
}

/** AWS's quota: "the maximum number of levels in the desired or reported section … is 6". */
export const MAX_SECTION_LEVELS = 6
/** Only desired and reported count, metadata does not (AWS IoT Device Shadow quotas). */
export const MAX_STATE_BYTES = 8 * 1024

const leafMetadata = (timestampSeconds: number): JsonObject => ({ timestamp: timestampSeconds })

interface Merged {
  readonly value: JsonObject
  readonly metadata: JsonObject
}

/**
 * Merges `patch` into `target`: null removes a member, an object merges into
 * an object member, anything else (arrays included: "an update to an array
 * replaces the whole array") replaces it. An object left without members is
 * removed, as an emptied section is.
 */
function mergeObject(
  target: JsonObject,
  targetMetadata: JsonObject,
  patch: JsonObject,
  timestampSeconds: number,
): Merged {
  const value: Record<string, JsonValue> = { ...target }
  const metadata: Record<string, JsonValue> = { ...targetMetadata }
  for (const [key, patchValue] of Object.entries(patch)) {
    if (patchValue === null) {
      delete value[key]
      delete metadata[key]
      continue
    }
    if (isJsonObject(patchValue)) {
      const existing = ownMember(target, key)
      const existingMetadata = ownMember(targetMetadata, key)
      const merged = isJsonObject(existing)
        ? mergeObject(
            existing,
            isJsonObject(existingMetadata) ? existingMetadata : {},
            patchValue,
            timestampSeconds,
          )
        : mergeObject({}, {}, patchValue, timestampSeconds)
      if (isEmptyObject(merged.value)) {
        delete value[key]
        delete metadata[key]
      } else {
        setMember(value, key, merged.value)
        setMember(metadata, key, merged.metadata)
      }
      continue
    }
    setMember(value, key, patchValue)
    setMember(metadata, key, leafMetadata(timestampSeconds))
  }
  return { value, metadata }
}

/** The shadow after an update: only the sections and members the patch names change. */
export function applyPatch(
  current: StateWithMetadata,
  patch: StatePatch,
  timestampSeconds: number,
): StateWithMetadata {
  const state: ShadowState = { ...current.state }
  const metadata: ShadowMetadata = { ...current.metadata }
  for (const section of SHADOW_SECTIONS) {
    const sectionPatch = patch === null ? null : patch[section]
    if (sectionPatch === undefined) continue
    const merged =
      sectionPatch === null
        ? undefined
        : mergeObject(state[section] ?? {}, metadata[section] ?? {}, sectionPatch, timestampSeconds)
    if (merged === undefined || isEmptyObject(merged.value)) {
      delete state[section]
      delete metadata[section]
    } else {
      state[section] = merged.value
      metadata[section] = merged.metadata
    }
  }
  return { state, metadata }
}

/**
 * The desired members that differ from the reported ones, compared member by
 * member through objects; arrays and other values compare whole. Reported
 * members with no desired counterpart are not included.
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-mqtt.html#update-delta-rules
 */
export function computeDelta(
  desired: JsonObject | undefined,
  reported: JsonObject | undefined,
): JsonObject | undefined {
  if (desired === undefined) return undefined
  const delta: Record<string, JsonValue> = {}
  for (const [key, wanted] of Object.entries(desired)) {
    const actual = reported === undefined ? undefined : ownMember(reported, key)
    if (actual === undefined) {
      setMember(delta, key, wanted)
    } else if (isJsonObject(wanted) && isJsonObject(actual)) {
      const nested = computeDelta(wanted, actual)
      if (nested !== undefined) setMember(delta, key, nested)
    } else if (!jsonEqual(wanted, actual)) {
      setMember(delta, key, wanted)
    }
  }
  return isEmptyObject(delta) ? undefined : delta
}

/** The desired metadata of the members a delta holds. */
export function metadataOf(values: JsonObject, metadata: JsonObject | undefined): JsonObject {
  const picked: Record<string, JsonValue> = {}
  for (const [key, value] of Object.entries(values)) {
    const entry = metadata === undefined ? undefined : ownMember(metadata, key)
    if (entry === undefined) continue
    // An object member's metadata mirrors it; anything else has a leaf timestamp.
    setMember(
      picked,
      key,
      isJsonObject(value) && isJsonObject(entry) ? metadataOf(value, entry) : entry,
    )
  }
  return picked
}

/**
 * The metadata an accepted update reports: a timestamp for every member the
 * request named, null ones included.
 */
export function patchMetadata(patch: JsonObject, timestampSeconds: number): JsonObject {
  const metadata: Record<string, JsonValue> = {}
  for (const [key, value] of Object.entries(patch)) {
    setMember(
      metadata,
      key,
      isJsonObject(value) ? patchMetadata(value, timestampSeconds) : leafMetadata(timestampSeconds),
    )
  }
  return metadata
}

/** Levels of nesting: a scalar has none, an object or array one more than its deepest member. */
export function levelsOf(value: JsonValue): number {
  if (Array.isArray(value))
    return 1 + Math.max(0, ...value.map((item: JsonValue) => levelsOf(item)))
  if (isJsonObject(value)) return 1 + Math.max(0, ...Object.values(value).map(levelsOf))
  return 0
}

/** "Arrays can't have null values", at any depth. */
export function hasNullInArray(value: JsonValue): boolean {
  if (Array.isArray(value))
    return value.some((item: JsonValue) => item === null || hasNullInArray(item))
  if (isJsonObject(value)) return Object.values(value).some(hasNullInArray)
  return false
}

/** The bytes the size quota counts: desired and reported as JSON, metadata excluded. */
export function stateBytes(state: ShadowState | StatePatch): number {
  return Buffer.byteLength(JSON.stringify(state ?? {}))
}
