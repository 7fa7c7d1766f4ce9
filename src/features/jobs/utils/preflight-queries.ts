import {
  FIRMWARE_MODEL_INDEX_FIELD,
  FIRMWARE_VERSION_INDEX_FIELD,
} from '@domain/fleet-index-custom-fields.ts'
import { MAX_QUERY_TERMS, queryValue } from '@domain/fleet-index-query.ts'
import type { PreflightClass, PreflightTarget } from '@domain/rollout-preflight.ts'

/**
 * The fleet-index queries of a preflight. A scope is the target's devices as
 * a query (`thingGroupNames:"g"`, or the operator's query in parentheses).
 * Every value is quoted with `queryValue`, so nothing from a catalog or a
 * device becomes an operator.
 */
export const modelQuery = (scope: string, target: PreflightTarget): string =>
  `${scope} AND ${FIRMWARE_MODEL_INDEX_FIELD}:${queryValue(target.model)}`

/** Devices of the target model running one version: examples of that version's class. */
export const versionQuery = (scope: string, target: PreflightTarget, version: string): string =>
  `${modelQuery(scope, target)} AND ${FIRMWARE_VERSION_INDEX_FIELD}:${queryValue(version)}`

/** Devices of another model or with no reported version: examples of unknown. */
export const unknownQuery = (scope: string, target: PreflightTarget): string =>
  `${scope} AND NOT (${FIRMWARE_MODEL_INDEX_FIELD}:${queryValue(target.model)} AND ${FIRMWARE_VERSION_INDEX_FIELD}:*)`

/**
 * Terms the preflight adds to a target's scope: the model, and the version
 * (or `NOT (model AND version:*)` for unknown devices). AWS allows 12 terms a
 * query, so an operator's query may have at most 10.
 * https://docs.aws.amazon.com/iot/latest/developerguide/query-syntax.html
 */
export const PREFLIGHT_EXTRA_TERMS = 2
export const MAX_TARGET_QUERY_TERMS = MAX_QUERY_TERMS - PREFLIGHT_EXTRA_TERMS

/**
 * Explicit things as `thingName:"a" OR thingName:"b" …` queries. Each name is
 * a term and AWS allows 12 a query, so the names are asked in chunks; a
 * caller that adds terms of its own asks for fewer names a query.
 */
export function thingNameQueries(
  thingNames: readonly string[],
  namesPerQuery: number = MAX_QUERY_TERMS,
): string[] {
  const chunk = Math.max(1, Math.min(namesPerQuery, MAX_QUERY_TERMS))
  const queries: string[] = []
  for (let start = 0; start < thingNames.length; start += chunk) {
    queries.push(
      thingNames
        .slice(start, start + chunk)
        .map((name) => `thingName:${queryValue(name)}`)
        .join(' OR '),
    )
  }
  return queries
}

export type ExampleQueries = Partial<Record<PreflightClass, string>>
