import { FIRMWARE_VERSION_INDEX_FIELD } from '@domain/fleet-index-custom-fields.ts'
import { parseFleetIndexQuery, queryValue } from '@domain/fleet-index-query.ts'
import { MAX_FIRMWARE_VERSION_LENGTH } from '@domain/firmware-version.ts'
import {
  ATTRIBUTE_NAME_RULE,
  ATTRIBUTE_VALUE_RULE,
  identifierProblem,
  THING_GROUP_NAME_RULE,
  THING_NAME_RULE,
} from '@domain/identifiers.ts'
import {
  CONNECTIVITY_FILTERS,
  NO_VERSION_FILTER_VALUE,
  versionFilterOf,
  type FleetFilterName,
  type FleetFilters,
} from './fleet-filters.ts'

/**
 * The things page's filters as one fleet-index query (SearchIndex on
 * AWS_Things). Every user-typed value is either quoted with `queryValue` or,
 * where the user asked for wildcards, escaped character by character, so
 * nothing typed can become an operator, a field or a range. Each term and
 * the whole query are run through domain/'s parser, the one the local cloud
 * uses, so a query AWS would refuse is reported at its filter before any
 * call. https://docs.aws.amazon.com/iot/latest/developerguide/query-syntax.html
 */

/** Every thing: AWS's own examples match all things with `thingName:*`. */
export const ALL_THINGS_QUERY = 'thingName:*'

export interface FleetFilterIssue {
  /** The filter at fault, or `query` when only the combination is refused. */
  readonly filter: FleetFilterName | 'query'
  readonly message: string
}

export type FleetSearchQuery =
  | { readonly ok: true; readonly queryString: string }
  | { readonly ok: false; readonly issues: readonly FleetFilterIssue[] }

const WILDCARD = /[*?]/
/** Characters that never need escaping in a query word. */
const PLAIN_CHARACTER = /[A-Za-z0-9_]/
/** Characters a field path may keep as they are (`.` separates nested names). */
const PLAIN_FIELD_CHARACTER = /[A-Za-z0-9_.-]/
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/

/**
 * A user's wildcard pattern as one query word: `*` and `?` stay wildcards,
 * every other character that is not a letter, digit or `_` is escaped with
 * `\` (the syntax's escape for special characters), so `-`, `:` or `/` keep
 * their literal meaning.
 */
export function wildcardWord(pattern: string): string {
  return Array.from(pattern, (char) =>
    char === '*' || char === '?' || PLAIN_CHARACTER.test(char) ? char : `\\${char}`,
  ).join('')
}

function fieldPath(path: string): string {
  return Array.from(path, (char) => (PLAIN_FIELD_CHARACTER.test(char) ? char : `\\${char}`)).join(
    '',
  )
}

/** Exactly this value, or the pattern when the user wrote wildcards. */
const valueTerm = (field: string, value: string): string =>
  `${field}:${WILDCARD.test(value) ? wildcardWord(value) : queryValue(value)}`

/** The things the fleet index lists in one thing group (its thingGroupNames field). */
export const thingGroupQuery = (thingGroupName: string): string =>
  `thingGroupNames:${queryValue(thingGroupName)}`

/** The one thing of this name. */
export const thingNameQuery = (thingName: string): string => `thingName:${queryValue(thingName)}`

/** What characters a filter accepts beyond an identifier's, for the messages below. */
const withWildcards = (description: string) => `${description} and the wildcards * and ?`

function patternProblem(
  label: string,
  value: string,
  allowed: RegExp,
  description: string,
  maxLength: number,
): string | undefined {
  if (value.length > maxLength) return `${label} must be at most ${maxLength} characters.`
  const refused = [...new Set(Array.from(value).filter((char) => !allowed.test(char)))]
  if (refused.length === 0) return undefined
  const listed = refused
    .slice(0, 5)
    .map((char) => JSON.stringify(char))
    .join(', ')
  return `${label} may contain only ${withWildcards(description)}; remove ${listed}.`
}

const orWildcard = (rule: RegExp) => new RegExp(`${rule.source}|[*?]`)

type TermResult = { term: string } | { message: string }

function nameTerm(name: string): TermResult {
  const problem = patternProblem(
    'Name',
    name,
    orWildcard(THING_NAME_RULE.allowedCharacter),
    THING_NAME_RULE.allowedDescription,
    THING_NAME_RULE.maxLength,
  )
  if (problem !== undefined) return { message: problem }
  // A name without wildcards searches by prefix, as the console's search does.
  const pattern = WILDCARD.test(name) ? name : `${name}*`
  return { term: `thingName:${wildcardWord(pattern)}` }
}

function attributeTerm(attribute: string): TermResult {
  const separator = attribute.indexOf('=')
  if (separator < 0)
    return { message: 'Write the attribute as name=value, for example model=sensor-v2.' }
  const key = attribute.slice(0, separator).trim()
  const value = attribute.slice(separator + 1).trim()
  const keyProblem = identifierProblem(ATTRIBUTE_NAME_RULE, key)
  if (keyProblem !== undefined) return { message: keyProblem }
  if (value === '') return { message: `Give a value after "${key}=", or ${key}=* for any value.` }
  const valueProblem = WILDCARD.test(value)
    ? patternProblem(
        'Attribute value',
        value,
        orWildcard(ATTRIBUTE_VALUE_RULE.allowedCharacter),
        ATTRIBUTE_VALUE_RULE.allowedDescription,
        ATTRIBUTE_VALUE_RULE.maxLength,
      )
    : identifierProblem(ATTRIBUTE_VALUE_RULE, value)
  if (valueProblem !== undefined) return { message: valueProblem }
  return { term: valueTerm(`attributes.${fieldPath(key)}`, value) }
}

function versionTerm(text: string): TermResult {
  // Devices report whatever their firmware says, so any text is searchable, not only SemVer.
  const filter = versionFilterOf(text)
  const value = filter.kind === 'exact' ? filter.version : filter.pattern
  if (value.length > MAX_FIRMWARE_VERSION_LENGTH)
    return { message: `Version must be at most ${MAX_FIRMWARE_VERSION_LENGTH} characters.` }
  if (CONTROL_CHARACTER.test(value))
    return { message: 'Version may not contain control characters.' }
  return {
    term:
      filter.kind === 'exact'
        ? `${FIRMWARE_VERSION_INDEX_FIELD}:${queryValue(filter.version)}`
        : `${FIRMWARE_VERSION_INDEX_FIELD}:${wildcardWord(filter.pattern)}`,
  }
}

/** Things whose shadow reports no version: the field does not exist in their index document. */
function noVersionTerm(value: string): TermResult {
  if (value !== NO_VERSION_FILTER_VALUE)
    return {
      message: `noVersion is ${NO_VERSION_FILTER_VALUE} (devices that report no version) or left out.`,
    }
  return { term: `NOT ${FIRMWARE_VERSION_INDEX_FIELD}:*` }
}

function connectivityTerm(connectivity: string): TermResult {
  if (!(CONNECTIVITY_FILTERS as readonly string[]).includes(connectivity))
    return { message: `Connectivity is ${CONNECTIVITY_FILTERS.join(' or ')}.` }
  return { term: `connectivity.connected:${connectivity === 'connected'}` }
}

function groupTerm(group: string): TermResult {
  const problem = identifierProblem(THING_GROUP_NAME_RULE, group)
  return problem === undefined ? { term: thingGroupQuery(group) } : { message: problem }
}

const TERMS: Readonly<Record<keyof FleetFilters, (value: string) => TermResult>> = {
  name: nameTerm,
  attribute: attributeTerm,
  version: versionTerm,
  noVersion: noVersionTerm,
  connectivity: connectivityTerm,
  group: groupTerm,
}

/** The query for these filters, or what is wrong with each filter that cannot be searched. */
export function fleetSearchQuery(filters: FleetFilters): FleetSearchQuery {
  const issues: FleetFilterIssue[] = []
  const terms: string[] = []
  for (const [filter, toTerm] of Object.entries(TERMS) as [
    keyof FleetFilters,
    (value: string) => TermResult,
  ][]) {
    const value = filters[filter]?.trim()
    if (!value) continue
    const result = toTerm(value)
    if ('message' in result) {
      issues.push({ filter, message: result.message })
      continue
    }
    const parsed = parseFleetIndexQuery(result.term)
    if (parsed.ok) terms.push(result.term)
    else issues.push({ filter, message: parsed.message })
  }
  if (filters.version?.trim() && filters.noVersion?.trim())
    issues.push({
      filter: 'noVersion',
      message:
        'A device either reports a version or reports none: clear the version, or untick this.',
    })
  if (issues.length > 0) return { ok: false, issues }
  // A query of exclusions alone (noVersion=1) still needs something to exclude from.
  if (terms.every((term) => term.startsWith('NOT '))) terms.unshift(ALL_THINGS_QUERY)
  const queryString = terms.join(' AND ')
  const parsed = parseFleetIndexQuery(queryString)
  return parsed.ok
    ? { ok: true, queryString }
    : { ok: false, issues: [{ filter: 'query', message: parsed.message }] }
}
