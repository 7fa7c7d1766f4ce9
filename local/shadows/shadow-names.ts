/**
 * Names the Device Shadow service accepts. A thing name is 1–128 and a
 * shadow name 1–64 characters of `[a-zA-Z0-9:_-]`; a name starting with `$`
 * is reserved for AWS, of which `$package` (the software package catalog's
 * shadow, which devices write their installed versions to) is in use.
 * https://docs.aws.amazon.com/general/latest/gr/iot-core.html#device-shadow-limits
 * https://docs.aws.amazon.com/iot/latest/developerguide/preparing-to-use-software-package-catalog.html
 */
export const PACKAGE_SHADOW_NAME = '$package'

export const MAX_THING_NAME_LENGTH = 128
export const MAX_SHADOW_NAME_LENGTH = 64

const NAME_PATTERN = /^[a-zA-Z0-9:_-]+$/

/** Why the thing name is refused, or undefined when it is acceptable. */
export function thingNameProblem(thingName: string): string | undefined {
  if (thingName.length === 0 || thingName.length > MAX_THING_NAME_LENGTH)
    return `The thing name must be 1 to ${MAX_THING_NAME_LENGTH} characters long.`
  if (!NAME_PATTERN.test(thingName))
    return 'The thing name may contain only a-z, A-Z, 0-9, colon, underscore and hyphen.'
  return undefined
}

/** Why the shadow name is refused, or undefined when it is acceptable. */
export function shadowNameProblem(shadowName: string): string | undefined {
  if (shadowName === PACKAGE_SHADOW_NAME) return undefined
  if (shadowName.length === 0 || shadowName.length > MAX_SHADOW_NAME_LENGTH)
    return `The shadow name must be 1 to ${MAX_SHADOW_NAME_LENGTH} characters long.`
  if (shadowName.startsWith('$')) return `Shadow names starting with $ are reserved.`
  if (!NAME_PATTERN.test(shadowName))
    return 'The shadow name may contain only a-z, A-Z, 0-9, colon, underscore and hyphen.'
  return undefined
}
