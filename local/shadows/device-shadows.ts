import type { Clock } from '../clock.ts'
import type { LocalCloudSchema } from '../state/records.ts'
import type { Store } from '../store/store.ts'
import type { JsonObject } from './json-values.ts'
import { shadowKey, type ShadowRecord } from './records.ts'
import {
  acceptedUpdateDocument,
  deletedDocument,
  deltaDocument,
  documentsDocument,
  shadowDocument,
} from './shadow-documents.ts'
import { shadowNameProblem, thingNameProblem } from './shadow-names.ts'
import { readUpdateRequest, ShadowRejection } from './shadow-request.ts'
import { applyPatch, computeDelta, MAX_STATE_BYTES, stateBytes } from './shadow-state.ts'
import { shadowTopicPrefix } from './shadow-topics.ts'

/**
 * The Device Shadow service: classic and named shadows of any thing name,
 * stored durably, with AWS's versions and documents. HTTPS (data-plane.ts)
 * and MQTT (shadows-mqtt.ts) are two wires onto the same operations, and
 * both announce accepted changes to MQTT subscribers (`update/accepted`,
 * `update/delta`, `update/documents`, `delete/accepted`), as AWS does for
 * UpdateThingShadow and DeleteThingShadow too. Nothing is announced before
 * the change is durable.
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-data-flow.html
 */

/** Told of every change, synchronously, before it is durable: `shadow` is undefined once deleted. */
export type ShadowChangeListener = (
  thingName: string,
  shadowName: string | undefined,
  shadow: ShadowRecord | undefined,
) => void

export interface DeviceShadows {
  /** The stored shadow; `shadowName` undefined is the classic shadow. */
  get(thingName: string, shadowName?: string): ShadowRecord | undefined
  getThingShadow(
    thingName: string,
    shadowName: string | undefined,
    clientToken?: string,
  ): JsonObject | ShadowRejection
  /**
   * GetThingShadow over MQTT: publishes the document on `get/accepted` once
   * the version read is durable, in order with the update and delete
   * announcements (never before the `update/accepted` of its version).
   * Answers the document, or the rejection for the caller to publish.
   */
  publishThingShadow(
    thingName: string,
    shadowName: string | undefined,
    clientToken?: string,
  ): Promise<JsonObject | ShadowRejection>
  /** Applies a request state document (raw bytes, as both wires carry it); answers the accepted document. */
  updateThingShadow(
    thingName: string,
    shadowName: string | undefined,
    payload: Uint8Array,
  ): Promise<JsonObject | ShadowRejection>
  deleteThingShadow(
    thingName: string,
    shadowName: string | undefined,
    clientToken?: string,
  ): Promise<JsonObject | ShadowRejection>
  /** The thing's named shadows (not the classic one), sorted; empty for a thing that has none or does not exist. */
  namedShadowsOf(thingName: string): string[]
  onShadowChange(listener: ShadowChangeListener): void
  /** Epoch seconds on the emulated clock, as every shadow document's `timestamp`. */
  timestampSeconds(): number
}

/** "If you create a device shadow … deleted within the past 48 hours, the version number … will follow that of the deleted one." */
export const DELETED_VERSION_MEMORY_MS = 48 * 60 * 60 * 1000

export interface DeviceShadowsOptions {
  readonly store: Store<LocalCloudSchema>
  readonly clock: Clock
  /** Delivers JSON to MQTT subscribers allowed to receive it (MqttBroker.publish). */
  readonly publish: (topic: string, payload: unknown) => Promise<void>
  readonly onError?: (error: unknown) => void
}

const notFound = (thingName: string, shadowName: string | undefined, clientToken?: string) =>
  new ShadowRejection(404, `No shadow exists with name: '${shadowName ?? thingName}'`, clientToken)

function namesProblem(thingName: string, shadowName: string | undefined): string | undefined {
  return (
    thingNameProblem(thingName) ??
    (shadowName === undefined ? undefined : shadowNameProblem(shadowName))
  )
}

export function createDeviceShadows({
  store,
  clock,
  publish,
  onError = (error) => console.error(error),
}: DeviceShadowsOptions): DeviceShadows {
  const listeners: ShadowChangeListener[] = []
  const timestampSeconds = () => Math.floor(clock.now() / 1000)

  const notify = (thingName: string, shadowName: string | undefined, shadow?: ShadowRecord) => {
    for (const listener of listeners) {
      try {
        listener(thingName, shadowName, shadow)
      } catch (error) {
        onError(error)
      }
    }
  }

  /** Whether every change so far is durable; a failure is logged and answered as AWS's 500. */
  const durable = async (): Promise<boolean> => {
    try {
      await store.flush()
      return true
    } catch (error) {
      onError(error)
      return false
    }
  }
  const internalFailure = (clientToken?: string) =>
    new ShadowRejection(500, 'Internal service failure', clientToken)

  // Announcements go out in the order the changes (and MQTT gets) happened,
  // so subscribers see versions in order: each takes its place in the queue
  // synchronously, and is published there once `ready` says it is durable.
  let announcing: Promise<unknown> = Promise.resolve()
  const announceInOrder = (
    ready: Promise<boolean>,
    messages: readonly (readonly [string, JsonObject])[],
  ): Promise<boolean> => {
    const published = announcing.then(async () => {
      if (!(await ready)) return false
      for (const [topic, payload] of messages) {
        try {
          await publish(topic, payload)
        } catch (error) {
          onError(error)
        }
      }
      return true
    })
    announcing = published
    return published
  }

  /** The version a new shadow continues from: a recently deleted one's, else 0. */
  const resumedVersion = (key: string, nowMs: number): number => {
    const deleted = store.get('deletedShadows', key)
    if (deleted === undefined) return 0
    if (nowMs - deleted.deletedAtMs < DELETED_VERSION_MEMORY_MS) return deleted.version
    store.delete('deletedShadows', key)
    return 0
  }

  const getThingShadow: DeviceShadows['getThingShadow'] = (thingName, shadowName, clientToken) => {
    const problem = namesProblem(thingName, shadowName)
    if (problem !== undefined) return new ShadowRejection(400, problem, clientToken)
    const shadow = store.get('shadows', shadowKey(thingName, shadowName))
    if (shadow === undefined) return notFound(thingName, shadowName, clientToken)
    return shadowDocument(shadow, timestampSeconds(), clientToken)
  }

  return {
    get: (thingName, shadowName) => store.get('shadows', shadowKey(thingName, shadowName)),
    timestampSeconds,
    onShadowChange: (listener) => {
      listeners.push(listener)
    },

    getThingShadow,

    publishThingShadow: async (thingName, shadowName, clientToken) => {
      const document = getThingShadow(thingName, shadowName, clientToken)
      if (document instanceof ShadowRejection) return document
      const topic = `${shadowTopicPrefix(thingName, shadowName)}/get/accepted`
      return (await announceInOrder(durable(), [[topic, document]]))
        ? document
        : internalFailure(clientToken)
    },

    updateThingShadow: async (thingName, shadowName, payload) => {
      const request = readUpdateRequest(payload)
      if (request instanceof ShadowRejection) return request
      const { clientToken } = request
      const problem = namesProblem(thingName, shadowName)
      if (problem !== undefined) return new ShadowRejection(400, problem, clientToken)
      const key = shadowKey(thingName, shadowName)
      const nowMs = clock.now()
      const previous = store.get('shadows', key)
      const currentVersion = previous?.version ?? resumedVersion(key, nowMs)
      if (request.version !== undefined && request.version !== currentVersion)
        return new ShadowRejection(409, 'Version conflict', clientToken)
      const timestamp = Math.floor(nowMs / 1000)
      const next = applyPatch(previous ?? { state: {}, metadata: {} }, request.state, timestamp)
      if (stateBytes(next.state) > MAX_STATE_BYTES)
        return new ShadowRejection(413, 'The payload exceeds the maximum size allowed', clientToken)
      const shadow: ShadowRecord = {
        thingName,
        ...(shadowName === undefined ? {} : { shadowName }),
        state: next.state,
        metadata: next.metadata,
        version: currentVersion + 1,
        updatedAtMs: nowMs,
      }
      store.put('shadows', key, shadow)
      if (previous === undefined) store.delete('deletedShadows', key)
      notify(thingName, shadowName, shadow)
      const ready = durable()

      const prefix = shadowTopicPrefix(thingName, shadowName)
      const accepted = acceptedUpdateDocument(request.state, shadow.version, timestamp, clientToken)
      const messages: [string, JsonObject][] = [[`${prefix}/update/accepted`, accepted]]
      // A delta goes out when the update set desired state that differs from the reported
      // state; a report alone publishes none, even if a difference remains (AWS's device SDKs
      // test this against AWS). "when … the request state document contains different values
      // for desired and reported states": device-shadow-mqtt.html#update-delta-pub-sub-topic
      const delta = computeDelta(shadow.state.desired, shadow.state.reported)
      const desired = request.state?.desired
      const setDesired = desired !== undefined && desired !== null
      if (setDesired && delta !== undefined)
        messages.push([
          `${prefix}/update/delta`,
          deltaDocument(shadow, delta, timestamp, clientToken),
        ])
      messages.push([
        `${prefix}/update/documents`,
        documentsDocument(previous, shadow, timestamp, clientToken),
      ])
      return (await announceInOrder(ready, messages)) ? accepted : internalFailure(clientToken)
    },

    deleteThingShadow: async (thingName, shadowName, clientToken) => {
      const problem = namesProblem(thingName, shadowName)
      if (problem !== undefined) return new ShadowRejection(400, problem, clientToken)
      const key = shadowKey(thingName, shadowName)
      const shadow = store.get('shadows', key)
      if (shadow === undefined) return notFound(thingName, shadowName, clientToken)
      const nowMs = clock.now()
      store.delete('shadows', key)
      store.put('deletedShadows', key, {
        thingName,
        ...(shadowName === undefined ? {} : { shadowName }),
        version: shadow.version,
        deletedAtMs: nowMs,
      })
      notify(thingName, shadowName, undefined)
      const deleted = deletedDocument(shadow.version, Math.floor(nowMs / 1000), clientToken)
      const topic = `${shadowTopicPrefix(thingName, shadowName)}/delete/accepted`
      return (await announceInOrder(durable(), [[topic, deleted]]))
        ? deleted
        : internalFailure(clientToken)
    },

    namedShadowsOf: (thingName) => {
      const names: string[] = []
      for (const shadow of store.values('shadows')) {
        if (shadow.thingName === thingName && shadow.shadowName !== undefined)
          names.push(shadow.shadowName)
      }
      return names.sort()
    },
  }
}
