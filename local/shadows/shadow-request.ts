import { isJsonObject, ownMember, type JsonObject, type JsonValue } from './json-values.ts'
import {
  hasNullInArray,
  levelsOf,
  MAX_SECTION_LEVELS,
  MAX_STATE_BYTES,
  SHADOW_SECTIONS,
  stateBytes,
  type StatePatch,
} from './shadow-state.ts'

/**
 * Reading the request documents of the Device Shadow service, with its
 * error codes and messages. The same checks serve MQTT (the code goes into
 * the `/rejected` document) and HTTPS (it picks the exception).
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-error-messages.html
 */
export type ShadowErrorCode = 400 | 404 | 409 | 413 | 415 | 500

export class ShadowRejection {
  constructor(
    readonly code: ShadowErrorCode,
    readonly message: string,
    /** Echoed in the rejection when the request carried one. */
    readonly clientToken?: string,
  ) {}
}

export interface UpdateRequest {
  readonly state: StatePatch
  /** When given, the update applies only if the shadow is at this version. */
  readonly version?: number
  readonly clientToken?: string
}

/** "A client token that is longer than 64 bytes will cause a 400 … Invalid clientToken". */
export const MAX_CLIENT_TOKEN_BYTES = 64

const utf8 = new TextDecoder('utf-8', { fatal: true })

function parseJson(bytes: Uint8Array): { value: JsonValue } | ShadowRejection {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return new ShadowRejection(415, 'Unsupported documented encoding; supported encoding is UTF-8')
  }
  try {
    return { value: JSON.parse(text) as JsonValue }
  } catch {
    return new ShadowRejection(400, 'Invalid JSON')
  }
}

function readToken(document: JsonObject): { clientToken?: string } | ShadowRejection {
  const token = ownMember(document, 'clientToken')
  if (token === undefined) return {}
  if (typeof token !== 'string' || Buffer.byteLength(token) > MAX_CLIENT_TOKEN_BYTES)
    return new ShadowRejection(400, 'Invalid clientToken')
  return { clientToken: token }
}

const sectionName = (section: string) => `${section[0]?.toUpperCase() ?? ''}${section.slice(1)}`

function readState(
  state: JsonValue | undefined,
  clientToken?: string,
): StatePatch | ShadowRejection {
  const reject = (code: ShadowErrorCode, message: string) =>
    new ShadowRejection(code, message, clientToken)
  if (state === undefined) return reject(400, 'Missing required node: state')
  // `"state": null` empties the shadow; it does not delete it.
  if (state === null) return null
  if (!isJsonObject(state)) return reject(400, 'State node must be an object')
  const patch: Record<string, JsonObject | null> = {}
  for (const [key, value] of Object.entries(state)) {
    const section = SHADOW_SECTIONS.find((name) => name === key)
    if (section === undefined) return reject(400, `State contains an invalid node: '${key}'`)
    if (value !== null && !isJsonObject(value))
      return reject(400, `${sectionName(section)} node must be an object`)
    if (value !== null && levelsOf(value) > MAX_SECTION_LEVELS)
      return reject(
        400,
        `JSON contains too many levels of nesting; maximum is ${MAX_SECTION_LEVELS}`,
      )
    // "Arrays can't have null values … will be rejected"; the message is ours.
    if (value !== null && hasNullInArray(value))
      return reject(400, 'Invalid JSON: arrays may not contain null values')
    patch[section] = value
  }
  if (stateBytes(patch) > MAX_STATE_BYTES)
    return reject(413, 'The payload exceeds the maximum size allowed')
  return patch
}

/** An update request state document: `{"state": {…}, "version"?, "clientToken"?}`. */
export function readUpdateRequest(bytes: Uint8Array): UpdateRequest | ShadowRejection {
  const parsed = parseJson(bytes)
  if (parsed instanceof ShadowRejection) return parsed
  if (!isJsonObject(parsed.value)) return new ShadowRejection(400, 'Invalid JSON')
  const document = parsed.value
  const token = readToken(document)
  if (token instanceof ShadowRejection) return token
  const { clientToken } = token
  const version = ownMember(document, 'version')
  if (version !== undefined && (!Number.isSafeInteger(version) || (version as number) < 0))
    return new ShadowRejection(400, 'Invalid version', clientToken)
  const state = readState(ownMember(document, 'state'), clientToken)
  if (state instanceof ShadowRejection) return state
  // Members outside `state` other than version and clientToken are ignored, as AWS ignores them.
  return {
    state,
    ...(version === undefined ? {} : { version: version as number }),
    ...(clientToken === undefined ? {} : { clientToken }),
  }
}

/**
 * The client token of a get or delete request. Their payload may be empty
 * ("publish an empty message"), and anything but the token is ignored.
 */
export function readTokenOnly(bytes: Uint8Array): { clientToken?: string } | ShadowRejection {
  const parsed = parseJson(bytes)
  if (parsed instanceof ShadowRejection || !isJsonObject(parsed.value)) return {}
  return readToken(parsed.value)
}
