import { QUERY_VERSION } from '../../../../domain/fleet-index-query.ts'
import { THING_GROUP_NAME_RULE } from '../../../../domain/identifiers.ts'
import { invalidRequest } from '../../../edge/aws-error.ts'
import {
  bodyObject,
  identifier,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringMap,
  queryInteger,
  requiredString,
  type JsonObject,
} from '../../../edge/input.ts'
import type { Operation } from '../../../edge/service.ts'
import type { ThingGroupRecord } from '../../../state/records.ts'
import type { DynamicThingGroups } from '../dynamic-thing-groups.ts'
import { indexNotFound } from '../errors.ts'
import { THINGS_INDEX } from '../index-queries.ts'

/**
 * CreateDynamicThingGroup, UpdateDynamicThingGroup and DeleteDynamicThingGroup.
 * "Currently one index is supported: AWS_Things" and one query version,
 * 2017-09-30, the default of both.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_CreateDynamicThingGroup.html
 */
function indexNameOf(body: JsonObject): string {
  const indexName = optionalString(body, 'indexName') ?? THINGS_INDEX
  if (indexName !== THINGS_INDEX) throw indexNotFound(indexName)
  return indexName
}

function queryVersionOf(body: JsonObject): string {
  const queryVersion = optionalString(body, 'queryVersion') ?? QUERY_VERSION
  if (queryVersion !== QUERY_VERSION) throw invalidRequest(`queryVersion must be ${QUERY_VERSION}.`)
  return queryVersion
}

/** Attributes as UpdateThing treats them: replaced unless `merge`, an empty value removes one. */
function updatedAttributes(
  current: Readonly<Record<string, string>>,
  payload: JsonObject | undefined,
): Readonly<Record<string, string>> {
  const given = payload === undefined ? undefined : optionalStringMap(payload, 'attributes')
  if (payload === undefined || given === undefined) return current
  const merged = optionalBoolean(payload, 'merge') === true ? { ...current, ...given } : given
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== ''))
}

export const createDynamicThingGroup = (groups: DynamicThingGroups): Operation => ({
  name: 'CreateDynamicThingGroup',
  handle: ({ params, body }) => {
    const input = bodyObject(body)
    const properties = optionalObject(input, 'thingGroupProperties') ?? {}
    const description = optionalString(properties, 'thingGroupDescription')
    const attributes = optionalStringMap(
      optionalObject(properties, 'attributePayload') ?? {},
      'attributes',
    )
    const group = groups.create({
      thingGroupName: identifier(THING_GROUP_NAME_RULE, params.thingGroupName),
      queryString: requiredString(input, 'queryString'),
      queryVersion: queryVersionOf(input),
      indexName: indexNameOf(input),
      ...(description === undefined ? {} : { description }),
      ...(attributes === undefined ? {} : { attributes }),
    })
    return {
      thingGroupName: group.thingGroupName,
      thingGroupArn: group.thingGroupArn,
      thingGroupId: group.thingGroupId,
      indexName: group.indexName,
      queryString: group.queryString,
      queryVersion: group.queryVersion,
    }
  },
})

export const updateDynamicThingGroup = (groups: DynamicThingGroups): Operation => ({
  name: 'UpdateDynamicThingGroup',
  handle: ({ params, body }) => {
    const input = bodyObject(body)
    const properties = optionalObject(input, 'thingGroupProperties')
    if (properties === undefined) throw invalidRequest('thingGroupProperties is required.')
    const description = optionalString(properties, 'thingGroupDescription')
    const payload = optionalObject(properties, 'attributePayload')
    const queryString = optionalString(input, 'queryString')
    const indexName = input.indexName === undefined ? undefined : indexNameOf(input)
    const queryVersion = input.queryVersion === undefined ? undefined : queryVersionOf(input)
    const group = groups.update(
      params.thingGroupName ?? '',
      (current): ThingGroupRecord => ({
        ...current,
        ...(description === undefined ? {} : { description }),
        attributes: updatedAttributes(current.attributes, payload),
        ...(queryString === undefined ? {} : { queryString }),
        ...(indexName === undefined ? {} : { indexName }),
        ...(queryVersion === undefined ? {} : { queryVersion }),
      }),
      optionalInteger(input, 'expectedVersion'),
    )
    return { version: group.version }
  },
})

export const deleteDynamicThingGroup = (groups: DynamicThingGroups): Operation => ({
  name: 'DeleteDynamicThingGroup',
  handle: ({ params, query }) => {
    groups.delete(
      params.thingGroupName ?? '',
      queryInteger(query, 'expectedVersion', 0, Number.MAX_SAFE_INTEGER),
    )
    return {}
  },
})
