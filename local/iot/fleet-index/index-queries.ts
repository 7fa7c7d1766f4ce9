import { fleetIndexField } from '../../../domain/fleet-index-fields.ts'
import { THING_NAME_RULE, type IdentifierRule } from '../../../domain/identifiers.ts'
import { parseFleetIndexQuery, QUERY_VERSION } from '../../../domain/fleet-index-query.ts'
import { invalidRequest, notImplemented } from '../../edge/aws-error.ts'
import { identifier, optionalString, requiredString, type JsonObject } from '../../edge/input.ts'
import { indexNotFound, invalidAggregation, invalidQuery } from './errors.ts'
import type { FleetIndex } from './fleet-index.ts'
import { aggregationFieldType } from './indexing-configuration.ts'
import { compileQuery, type ThingPredicate } from './query-matcher.ts'
import type { IndexFieldType } from './records.ts'
import type { IndexValue } from './thing-document.ts'

/**
 * What SearchIndex and the aggregation operations share: the index they
 * name, the query, and the field they aggregate.
 */
export const THINGS_INDEX = 'AWS_Things'
export const THING_GROUPS_INDEX = 'AWS_ThingGroups'

/** indexName's pattern and length in the IoT model are a thing name's. */
const INDEX_NAME_RULE: IdentifierRule = { ...THING_NAME_RULE, label: 'Index name' }

/** The thing index a request names (AWS_Things unless given); a missing or switched-off index is ResourceNotFoundException. */
export function requireThingIndex(index: FleetIndex, body: JsonObject): void {
  const given = optionalString(body, 'indexName')
  const indexName = given === undefined ? THINGS_INDEX : identifier(INDEX_NAME_RULE, given)
  if (indexName === THING_GROUPS_INDEX && index.configuration.thingGroupIndexingMode === 'ON')
    throw notImplemented(`queries on the ${THING_GROUPS_INDEX} index`)
  if (indexName !== THINGS_INDEX || !index.isOn) throw indexNotFound(indexName)
}

/** The request's query, parsed and compiled; AWS's InvalidQueryException when it is not a query. */
export function requestQuery(body: JsonObject): { queryString: string; predicate: ThingPredicate } {
  const queryString = requiredString(body, 'queryString')
  const version = optionalString(body, 'queryVersion')
  if (version !== undefined && version !== QUERY_VERSION)
    throw invalidRequest(`queryVersion must be ${QUERY_VERSION}.`)
  const parsed = parseFleetIndexQuery(queryString)
  if (!parsed.ok) throw invalidQuery(parsed.message)
  return { queryString, predicate: compileQuery(parsed.query) }
}

/** The type of the field an aggregation names: "This field must be a managed or custom field". */
export function aggregationField(
  index: FleetIndex,
  name: string,
  allowed: readonly IndexFieldType[] = ['Number', 'String', 'Boolean'],
): { field: string; type: IndexFieldType } {
  const type = aggregationFieldType(index.configuration, name)
  if (type === undefined)
    throw invalidAggregation(
      `${name} is not a managed or custom field of the index; add it to customFields with UpdateIndexingConfiguration.`,
    )
  if (!allowed.includes(type))
    throw invalidAggregation(
      `${name} is a ${type} field; this aggregation needs ${allowed.join(' or ')}.`,
    )
  return { field: fleetIndexField(name)?.name ?? name, type }
}

/** How many things match, and the field's values in each that has any. */
export function matchingValues(
  index: FleetIndex,
  predicate: ThingPredicate,
  field: string,
): { matched: number; valuesPerThing: (readonly IndexValue[])[] } {
  let matched = 0
  const valuesPerThing: (readonly IndexValue[])[] = []
  for (const [, fields] of index.entries()) {
    if (!predicate(fields)) continue
    matched += 1
    const values = fields.get(field)
    if (values !== undefined && values.length > 0) valuesPerThing.push(values)
  }
  return { matched, valuesPerThing }
}
