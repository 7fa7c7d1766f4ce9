import type { IdentifierRule } from '../../domain/identifiers.ts'
import { identifierProblem } from '../../domain/identifiers.ts'
import { formatIssue, type Validated } from '../../domain/validation.ts'
import { invalidRequest } from './aws-error.ts'

/**
 * Reading request members the way a restJson1 service does: wrong types and
 * broken constraints are InvalidRequestException with a message that names
 * the member, before any state changes.
 */
export type JsonObject = Readonly<Record<string, unknown>>

export function bodyObject(body: unknown): JsonObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidRequest('The request body must be a JSON object.')
  }
  return body as JsonObject
}

export function optionalString(body: JsonObject, member: string): string | undefined {
  const value = body[member]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw invalidRequest(`${member} must be a string.`)
  return value
}

export function requiredString(body: JsonObject, member: string): string {
  const value = optionalString(body, member)
  if (value === undefined) throw invalidRequest(`${member} is required.`)
  return value
}

export function optionalBoolean(body: JsonObject, member: string): boolean | undefined {
  const value = body[member]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') throw invalidRequest(`${member} must be a boolean.`)
  return value
}

export function optionalInteger(body: JsonObject, member: string): number | undefined {
  const value = body[member]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw invalidRequest(`${member} must be a whole number.`)
  return value
}

export function optionalStringMap(
  body: JsonObject,
  member: string,
): Record<string, string> | undefined {
  const value = body[member]
  if (value === undefined || value === null) return undefined
  if (
    typeof value !== 'object' ||
    Array.isArray(value) ||
    Object.values(value).some((item) => typeof item !== 'string')
  ) {
    throw invalidRequest(`${member} must be a map of strings.`)
  }
  return value as Record<string, string>
}

export function optionalObject(body: JsonObject, member: string): JsonObject | undefined {
  const value = body[member]
  if (value === undefined || value === null) return undefined
  return bodyObject(value)
}

export function identifier(rule: IdentifierRule, value: unknown): string {
  const problem = identifierProblem(rule, value)
  if (problem !== undefined) throw invalidRequest(problem)
  return value as string
}

/** Turns a domain validation into the value or an InvalidRequestException. */
export function valid<T>(result: Validated<T>, memberPrefix = ''): T {
  if (result.ok) return result.value
  const prefix = memberPrefix === '' ? '' : `${memberPrefix}.`
  throw invalidRequest(
    result.issues
      .map((issue) => formatIssue({ ...issue, path: issue.path && `${prefix}${issue.path}` }))
      .join(' '),
  )
}

export function queryInteger(
  query: URLSearchParams,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = query.get(name)
  if (raw === null) return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidRequest(`${name} must be a whole number from ${min} to ${max}.`)
  }
  return value
}

export function queryBoolean(query: URLSearchParams, name: string): boolean {
  return query.get(name) === 'true'
}
