import { invalidParameter } from './errors.ts'

/**
 * Reading awsJson1.1 input members as Cognito does: a missing or mistyped
 * member is InvalidParameterException, worded like Cognito's validation
 * ("1 validation error detected: Value null at 'clientId' failed to satisfy
 * constraint: Member must not be null").
 */
export type Input = Readonly<Record<string, unknown>>

const lowerFirst = (member: string) => member.charAt(0).toLowerCase() + member.slice(1)

function constraint(member: string, value: unknown, rule: string) {
  return invalidParameter(
    `1 validation error detected: Value ${value === undefined ? 'null' : JSON.stringify(value)} at '${lowerFirst(member)}' failed to satisfy constraint: ${rule}`,
  )
}

export function optionalString(input: Input, member: string): string | undefined {
  const value = input[member]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw constraint(member, value, 'Member must be a string')
  return value
}

export function requiredString(input: Input, member: string): string {
  const value = optionalString(input, member)
  if (value === undefined || value === '') {
    throw constraint(member, value, 'Member must not be null')
  }
  return value
}

export function optionalBoolean(input: Input, member: string): boolean | undefined {
  const value = input[member]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') throw constraint(member, value, 'Member must be a boolean')
  return value
}

export function optionalInteger(
  input: Input,
  member: string,
  min: number,
  max: number,
): number | undefined {
  const value = input[member]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw constraint(member, value, 'Member must be an integer')
  }
  if (value < min) {
    throw constraint(member, value, `Member must have value greater than or equal to ${min}`)
  }
  if (value > max) {
    throw constraint(member, value, `Member must have value less than or equal to ${max}`)
  }
  return value
}

export function optionalStringMap(input: Input, member: string): Record<string, string> {
  const value = input[member]
  if (value === undefined || value === null) return {}
  if (
    typeof value !== 'object' ||
    Array.isArray(value) ||
    Object.values(value).some((item) => typeof item !== 'string')
  ) {
    throw constraint(member, value, 'Member must be a map of strings')
  }
  return value as Record<string, string>
}

export function optionalStringList(input: Input, member: string): string[] | undefined {
  const value = input[member]
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw constraint(member, value, 'Member must be a list of strings')
  }
  return value as string[]
}

export function optionalObject(input: Input, member: string): Input | undefined {
  const value = input[member]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw constraint(member, value, 'Member must be a structure')
  }
  return value as Input
}

export function optionalObjectList(input: Input, member: string): Input[] {
  const value = input[member]
  if (value === undefined || value === null) return []
  if (
    !Array.isArray(value) ||
    value.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))
  ) {
    throw constraint(member, value, 'Member must be a list of structures')
  }
  return value as Input[]
}

/** `[{Name, Value}]`, the form of every user attribute list. */
export function attributeList(input: Input, member: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  for (const item of optionalObjectList(input, member)) {
    const name = requiredString(item, 'Name')
    attributes[name] = optionalString(item, 'Value') ?? ''
  }
  return attributes
}

/** Cognito's id patterns, checked before anything is looked up. */
export function matching(member: string, value: string, pattern: RegExp): string {
  if (!pattern.test(value)) {
    throw constraint(
      member,
      value,
      `Member must satisfy regular expression pattern: ${pattern.source.replace(/^\^|\$$/g, '')}`,
    )
  }
  return value
}

export const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/
export const CLIENT_ID = /^[\w+]+$/
export const IDENTITY_POOL_ID = /^[\w-]+:[0-9a-f-]+$/
