/** JSON as the Device Shadow service stores it: "all rules of the JSON specification". */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | JsonObject

export interface JsonObject {
  readonly [key: string]: JsonValue
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * A member the object itself has. Shadow keys are arbitrary strings, so
 * `__proto__` or `constructor` must read as absent unless a client set them.
 */
export function ownMember(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined
}

/** Sets a member without the `__proto__` setter's special case. */
export function setMember(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

export function jsonEqual(left: JsonValue, right: JsonValue): boolean {
  if (left === right) return true
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false
    return left.every((item: JsonValue, index) => jsonEqual(item, right[index] as JsonValue))
  }
  if (!isJsonObject(left) || !isJsonObject(right)) return false
  const keys = Object.keys(left)
  if (keys.length !== Object.keys(right).length) return false
  return keys.every((key) => {
    const other = ownMember(right, key)
    return other !== undefined && jsonEqual(left[key] as JsonValue, other)
  })
}

export const isEmptyObject = (value: JsonObject) => Object.keys(value).length === 0
