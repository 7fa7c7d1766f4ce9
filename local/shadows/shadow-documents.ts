import type { JsonObject } from './json-values.ts'
import type { ShadowRecord } from './records.ts'
import type { ShadowRejection } from './shadow-request.ts'
import { computeDelta, metadataOf, patchMetadata, type StatePatch } from './shadow-state.ts'

/**
 * The response documents of the Device Shadow service, the same over MQTT
 * and HTTPS. `timestamp` is epoch seconds; `clientToken` is echoed only when
 * the request had one.
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-document.html#device-shadow-example-response-json
 */
const token = (clientToken: string | undefined): JsonObject =>
  clientToken === undefined ? {} : { clientToken }

/** /get/accepted and GetThingShadow: the whole shadow with its computed delta. */
export function shadowDocument(
  shadow: ShadowRecord,
  timestampSeconds: number,
  clientToken?: string,
): JsonObject {
  const delta = computeDelta(shadow.state.desired, shadow.state.reported)
  return {
    state: { ...shadow.state, ...(delta === undefined ? {} : { delta }) },
    metadata: { ...shadow.metadata },
    version: shadow.version,
    timestamp: timestampSeconds,
    ...token(clientToken),
  }
}

/** /update/accepted and UpdateThingShadow: the request's state, with a timestamp for each member it named. */
export function acceptedUpdateDocument(
  patch: StatePatch,
  version: number,
  timestampSeconds: number,
  clientToken?: string,
): JsonObject {
  const state: Record<string, JsonObject | null> = {}
  const metadata: Record<string, JsonObject> = {}
  for (const [section, value] of Object.entries(patch ?? {})) {
    state[section] = value
    metadata[section] =
      value === null ? { timestamp: timestampSeconds } : patchMetadata(value, timestampSeconds)
  }
  return {
    state: patch === null ? null : state,
    metadata,
    version,
    timestamp: timestampSeconds,
    ...token(clientToken),
  }
}

/** /update/delta: every desired member that differs from the reported one, not only those just updated. */
export function deltaDocument(
  shadow: ShadowRecord,
  delta: JsonObject,
  timestampSeconds: number,
  clientToken?: string,
): JsonObject {
  return {
    version: shadow.version,
    timestamp: timestampSeconds,
    state: delta,
    metadata: metadataOf(delta, shadow.metadata.desired),
    ...token(clientToken),
  }
}

const snapshot = (shadow: ShadowRecord): JsonObject => ({
  state: { ...shadow.state },
  metadata: { ...shadow.metadata },
  version: shadow.version,
})

/** /update/documents: the shadow before (null when the update created it) and after. */
export function documentsDocument(
  previous: ShadowRecord | undefined,
  current: ShadowRecord,
  timestampSeconds: number,
  clientToken?: string,
): JsonObject {
  return {
    previous: previous === undefined ? null : snapshot(previous),
    current: snapshot(current),
    timestamp: timestampSeconds,
    ...token(clientToken),
  }
}

/** /delete/accepted and DeleteThingShadow: the version the shadow had. */
export function deletedDocument(
  version: number,
  timestampSeconds: number,
  clientToken?: string,
): JsonObject {
  return { version, timestamp: timestampSeconds, ...token(clientToken) }
}

/**
 * /…/rejected: `{"code", "message", "clientToken"}`. AWS documents a
 * timestamp too, but its rejections carry none (the examples in its guide
 * and the device SDKs' tests against AWS show `{"code":404,"message":…}`).
 */
export function errorDocument(rejection: ShadowRejection): JsonObject {
  return { code: rejection.code, message: rejection.message, ...token(rejection.clientToken) }
}
