import { THING_TYPE_NAME_RULE } from '../../../domain/identifiers.ts'
import { bodyObject, identifier, optionalObject, optionalString } from '../../edge/input.ts'
import { paginate } from '../../edge/pagination.ts'
import type { Operation } from '../../edge/service.ts'
import { controlPlaneTime } from '../../edge/timestamps.ts'
import type { Registry } from '../registry.ts'
import { LIST_LIMIT } from './things.ts'

/** CreateThingType and ListThingTypes: thing types are how Fleetdeck models device models. */
export const createThingType = (registry: Registry): Operation => ({
  name: 'CreateThingType',
  handle: ({ params, body }) => {
    const properties = optionalObject(bodyObject(body), 'thingTypeProperties') ?? {}
    const searchable = properties.searchableAttributes
    const description = optionalString(properties, 'thingTypeDescription')
    const type = registry.createThingType({
      thingTypeName: identifier(THING_TYPE_NAME_RULE, params.thingTypeName),
      ...(description === undefined ? {} : { description }),
      ...(Array.isArray(searchable) ? { searchableAttributes: searchable.map(String) } : {}),
    })
    return {
      thingTypeName: type.thingTypeName,
      thingTypeArn: type.thingTypeArn,
      thingTypeId: type.thingTypeId,
    }
  },
})

export const listThingTypes = (registry: Registry): Operation => ({
  name: 'ListThingTypes',
  handle: ({ query }) => {
    const name = query.get('thingTypeName') ?? undefined
    const page = paginate(registry.listThingTypes(name), query, `ListThingTypes ${name ?? ''}`, {
      limit: LIST_LIMIT,
    })
    return {
      thingTypes: page.items.map((type) => ({
        thingTypeName: type.thingTypeName,
        thingTypeArn: type.thingTypeArn,
        thingTypeProperties: {
          thingTypeDescription: type.description,
          searchableAttributes: type.searchableAttributes,
        },
        thingTypeMetadata: {
          deprecated: type.deprecated,
          creationDate: controlPlaneTime(type.creationDateMs),
        },
      })),
      nextToken: page.nextToken,
    }
  },
})
