import {
  ATTRIBUTE_NAME_RULE,
  ATTRIBUTE_VALUE_RULE,
  THING_NAME_RULE,
  THING_TYPE_NAME_RULE,
} from '../../../domain/identifiers.ts'
import { invalidRequest } from '../../edge/aws-error.ts'
import {
  bodyObject,
  identifier,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringMap,
  queryBoolean,
  queryInteger,
  type JsonObject,
} from '../../edge/input.ts'
import { paginate } from '../../edge/pagination.ts'
import type { Operation } from '../../edge/service.ts'
import type { ThingRecord } from '../../state/records.ts'
import type { Registry } from '../registry.ts'

/** Registry operations on things: CreateThing, DescribeThing, UpdateThing, DeleteThing, ListThings. */
export const LIST_LIMIT = 250

function attributes(body: JsonObject): { attributes?: Record<string, string>; merge?: boolean } {
  const payload = optionalObject(body, 'attributePayload')
  if (payload === undefined) return {}
  const map = optionalStringMap(payload, 'attributes')
  for (const [name, value] of Object.entries(map ?? {})) {
    identifier(ATTRIBUTE_NAME_RULE, name)
    identifier(ATTRIBUTE_VALUE_RULE, value)
  }
  const merge = optionalBoolean(payload, 'merge')
  return {
    ...(map === undefined ? {} : { attributes: map }),
    ...(merge === undefined ? {} : { merge }),
  }
}

function thingTypeName(body: JsonObject): string | undefined {
  const name = optionalString(body, 'thingTypeName')
  return name === undefined ? undefined : identifier(THING_TYPE_NAME_RULE, name)
}

const thingAttribute = (thing: ThingRecord) => ({
  thingName: thing.thingName,
  thingTypeName: thing.thingTypeName,
  thingArn: thing.thingArn,
  attributes: thing.attributes,
  version: thing.version,
})

export const createThing = (registry: Registry): Operation => ({
  name: 'CreateThing',
  handle: ({ params, body }) => {
    const input = bodyObject(body)
    const thing = registry.createThing({
      thingName: identifier(THING_NAME_RULE, params.thingName),
      ...attributes(input),
      ...(thingTypeName(input) === undefined ? {} : { thingTypeName: thingTypeName(input) }),
    })
    return { thingName: thing.thingName, thingArn: thing.thingArn, thingId: thing.thingId }
  },
})

export const describeThing = (registry: Registry): Operation => ({
  name: 'DescribeThing',
  handle: ({ params }) => {
    const thing = registry.describeThing(params.thingName ?? '')
    return {
      defaultClientId: thing.thingName,
      thingName: thing.thingName,
      thingId: thing.thingId,
      thingArn: thing.thingArn,
      thingTypeName: thing.thingTypeName,
      attributes: thing.attributes,
      version: thing.version,
    }
  },
})

export const updateThing = (registry: Registry): Operation => ({
  name: 'UpdateThing',
  handle: ({ params, body }) => {
    const input = bodyObject(body)
    const { attributes: map, merge } = attributes(input)
    const type = thingTypeName(input)
    const removeThingType = optionalBoolean(input, 'removeThingType')
    const expectedVersion = optionalInteger(input, 'expectedVersion')
    registry.updateThing({
      thingName: params.thingName ?? '',
      ...(map === undefined ? {} : { attributes: map }),
      ...(merge === undefined ? {} : { merge }),
      ...(type === undefined ? {} : { thingTypeName: type }),
      ...(removeThingType === undefined ? {} : { removeThingType }),
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
    })
    return {}
  },
})

export const deleteThing = (registry: Registry): Operation => ({
  name: 'DeleteThing',
  handle: ({ params, query }) => {
    registry.deleteThing(
      params.thingName ?? '',
      queryInteger(query, 'expectedVersion', 0, Number.MAX_SAFE_INTEGER),
    )
    return {}
  },
})

export const listThings = (registry: Registry): Operation => ({
  name: 'ListThings',
  handle: ({ query }) => {
    const attributeName = query.get('attributeName') ?? undefined
    const attributeValue = query.get('attributeValue') ?? undefined
    if (attributeValue !== undefined && attributeName === undefined) {
      throw invalidRequest('attributeValue needs attributeName.')
    }
    const filter = {
      ...(attributeName === undefined ? {} : { attributeName }),
      ...(attributeValue === undefined ? {} : { attributeValue }),
      usePrefixAttributeValue: queryBoolean(query, 'usePrefixAttributeValue'),
      ...(query.get('thingTypeName') === null
        ? {}
        : { thingTypeName: query.get('thingTypeName') ?? '' }),
    }
    const page = paginate(
      registry.listThings(filter),
      query,
      `ListThings ${JSON.stringify(filter)}`,
      { limit: LIST_LIMIT },
    )
    return { things: page.items.map(thingAttribute), nextToken: page.nextToken }
  },
})
