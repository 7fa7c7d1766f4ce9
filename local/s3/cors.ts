import { invalidRequest } from './s3-errors.ts'
import { childrenOf, malformedXml, rootOf, textOf, type XmlElement } from './xml.ts'

/**
 * A bucket's CORS configuration and how S3 applies it: the first rule whose
 * AllowedOrigin (one `*` wildcard allowed), AllowedMethod and, for a
 * preflight, every requested header (AllowedHeader, `*` wildcards) match
 * decides the answer. A preflight nothing matches is refused with 403; an
 * actual request nothing matches simply gets no CORS headers.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html
 */
export const CORS_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'] as const
export type CorsMethod = (typeof CORS_METHODS)[number]

export interface CorsRule {
  readonly id?: string
  readonly allowedOrigins: readonly string[]
  readonly allowedMethods: readonly CorsMethod[]
  readonly allowedHeaders: readonly string[]
  readonly exposeHeaders: readonly string[]
  readonly maxAgeSeconds?: number
}

export interface CorsRequest {
  readonly origin: string
  /** The actual method, or Access-Control-Request-Method of a preflight. */
  readonly method: string
  /** Access-Control-Request-Headers of a preflight, lower-cased; none for an actual request. */
  readonly requestHeaders?: readonly string[]
}

/** S3 allows 100 rules per configuration. */
export const MAX_CORS_RULES = 100

export const CORS_VARY = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method'

function wildcardMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const star = pattern.indexOf('*')
  if (star < 0)
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value
  const [prefix, suffix] = [pattern.slice(0, star), pattern.slice(star + 1)]
  const subject = ignoreCase ? value.toLowerCase() : value
  const [head, tail] = ignoreCase ? [prefix.toLowerCase(), suffix.toLowerCase()] : [prefix, suffix]
  return (
    subject.length >= head.length + tail.length &&
    subject.startsWith(head) &&
    subject.endsWith(tail)
  )
}

export function matchCorsRule(
  rules: readonly CorsRule[],
  request: CorsRequest,
): CorsRule | undefined {
  return rules.find(
    (rule) =>
      rule.allowedOrigins.some((pattern) => wildcardMatches(pattern, request.origin, false)) &&
      rule.allowedMethods.some((method) => method === request.method) &&
      (request.requestHeaders ?? []).every((header) =>
        rule.allowedHeaders.some((pattern) => wildcardMatches(pattern, header, true)),
      ),
  )
}

/** The headers S3 adds for a matched rule, on a preflight and on the actual response. */
export function corsHeaders(rule: CorsRule, request: CorsRequest): Record<string, string> {
  const anyOrigin = rule.allowedOrigins.includes('*')
  return {
    'access-control-allow-origin': anyOrigin ? '*' : request.origin,
    'access-control-allow-methods': rule.allowedMethods.join(', '),
    ...(anyOrigin ? {} : { 'access-control-allow-credentials': 'true' }),
    ...(request.requestHeaders !== undefined && request.requestHeaders.length > 0
      ? { 'access-control-allow-headers': request.requestHeaders.join(', ') }
      : {}),
    ...(rule.exposeHeaders.length > 0
      ? { 'access-control-expose-headers': rule.exposeHeaders.join(', ') }
      : {}),
    ...(rule.maxAgeSeconds === undefined
      ? {}
      : { 'access-control-max-age': String(rule.maxAgeSeconds) }),
    vary: CORS_VARY,
  }
}

/** Access-Control-Request-Headers as a list of lower-cased names. */
export function parseRequestHeaders(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '')
}

function checkWildcards(kind: string, values: readonly string[]): void {
  for (const value of values) {
    if (value.split('*').length > 2) {
      throw invalidRequest(`${kind} "${value}" can not have more than one wildcard.`)
    }
  }
}

/** Validates a rule as PutBucketCors does; used for XML input and for the seeding API. */
export function validateCorsRules(rules: readonly CorsRule[]): void {
  if (rules.length === 0 || rules.length > MAX_CORS_RULES) throw malformedXml()
  for (const rule of rules) {
    if (rule.allowedOrigins.length === 0 || rule.allowedMethods.length === 0) throw malformedXml()
    for (const method of rule.allowedMethods) {
      if (!CORS_METHODS.includes(method)) {
        throw invalidRequest(
          `Found unsupported HTTP method in CORS config. Unsupported method is ${String(method)}`,
        )
      }
    }
    checkWildcards('AllowedOrigin', rule.allowedOrigins)
    checkWildcards('AllowedHeader', rule.allowedHeaders)
    if (rule.id !== undefined && rule.id.length > 255) {
      throw invalidRequest('The ID of a CORS rule must be at most 255 characters long.')
    }
    if (
      rule.maxAgeSeconds !== undefined &&
      (!Number.isInteger(rule.maxAgeSeconds) || rule.maxAgeSeconds < 0)
    ) {
      throw malformedXml()
    }
  }
}

/** PutBucketCors's `<CORSConfiguration>` body, validated. */
export function parseCorsConfiguration(document: Record<string, unknown>): CorsRule[] {
  const root = rootOf(document, 'CORSConfiguration')
  const rules = childrenOf(root, 'CORSRule').map((node): CorsRule => {
    const texts = (name: string) =>
      childrenOf(node, name).map((value) => (typeof value === 'string' ? value.trim() : ''))
    const id = textOf(node, 'ID')
    const maxAge = textOf(node, 'MaxAgeSeconds')?.trim()
    if (maxAge !== undefined && !/^\d+$/.test(maxAge)) throw malformedXml()
    return {
      ...(id === undefined ? {} : { id }),
      allowedOrigins: texts('AllowedOrigin'),
      allowedMethods: texts('AllowedMethod') as CorsMethod[],
      allowedHeaders: texts('AllowedHeader'),
      exposeHeaders: texts('ExposeHeader'),
      ...(maxAge === undefined ? {} : { maxAgeSeconds: Number(maxAge) }),
    }
  })
  validateCorsRules(rules)
  return rules
}

export const CORS_REPEATED_ELEMENTS = [
  'CORSRule',
  'AllowedOrigin',
  'AllowedMethod',
  'AllowedHeader',
  'ExposeHeader',
] as const

/** GetBucketCors's answer body. */
export function corsConfigurationXml(rules: readonly CorsRule[]): XmlElement {
  return {
    CORSRule: rules.map((rule) => ({
      ID: rule.id,
      AllowedHeader: rule.allowedHeaders,
      AllowedMethod: rule.allowedMethods,
      AllowedOrigin: rule.allowedOrigins,
      ExposeHeader: rule.exposeHeaders,
      MaxAgeSeconds: rule.maxAgeSeconds,
    })),
  }
}
