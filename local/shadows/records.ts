import type { ShadowMetadata, ShadowState } from './shadow-state.ts'

/**
 * A shadow as the local cloud stores it. The classic (unnamed) shadow has no
 * `shadowName`. Deleting a thing does not delete its shadows, as on AWS.
 */
export interface ShadowRecord {
  readonly thingName: string
  readonly shadowName?: string
  readonly state: ShadowState
  readonly metadata: ShadowMetadata
  /** 1 after the first update, one more after each accepted update. */
  readonly version: number
  /** Emulated epoch milliseconds of the last accepted update. */
  readonly updatedAtMs: number
}

/**
 * What a deleted shadow leaves behind: a shadow created again within 48
 * hours continues from this version.
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-data-flow.html
 */
export interface DeletedShadowRecord {
  readonly thingName: string
  readonly shadowName?: string
  readonly version: number
  /** Emulated epoch milliseconds. */
  readonly deletedAtMs: number
}

export interface ShadowSchema {
  shadows: ShadowRecord
  deletedShadows: DeletedShadowRecord
}

/** Thing names cannot contain `|`; the classic shadow's key ends with it. */
export const shadowKey = (thingName: string, shadowName: string | undefined) =>
  `${thingName}|${shadowName ?? ''}`
