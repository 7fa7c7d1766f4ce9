import { THING_GROUP_NAME_RULE, THING_NAME_RULE } from '../../../domain/identifiers.ts'
import { invalidRequest } from '../../edge/aws-error.ts'
import {
  bodyObject,
  identifier,
  optionalBoolean,
  optionalObject,
  optionalString,
  optionalStringMap,
  queryInteger,
  type JsonObject,
} from '../../edge/input.ts'
import { paginate } from '../../edge/pagination.ts'
import type { Operation } from '../../edge/service.ts'
import { controlPlaneTime } from '../../edge/timestamps.ts'
import type { ThingGroupRecord } from '../../state/records.ts'
import type { Registry } from '../registry.ts'
import { LIST_LIMIT } from './things.ts'

/** Thing groups and membership; dynamic groups are created, changed and deleted in fleet-index/. */
const nameAndArn = (group: ThingGroupRecord) => ({
  groupName: group.thingGroupName,
  groupArn: group.thingGroupArn,
})

function lastArnSegment(arn: string | undefined, kind: string): string | undefined {
  if (arn === undefined) return undefined
  const match = new RegExp(`:${kind}/([^/]+)$`).exec(arn)
  if (match === null) throw invalidRequest(`${arn} is not a ${kind} ARN.`)
  return match[1]
}

/** Add/RemoveThingToThingGroup name the group and the thing by name or by ARN. */
function membership(body: JsonObject): { group: string; thing: string } {
  const group =
    optionalString(body, 'thingGroupName') ??
    lastArnSegment(optionalString(body, 'thingGroupArn'), 'thinggroup')
  const thing =
    optionalString(body, 'thingName') ?? lastArnSegment(optionalString(body, 'thingArn'), 'thing')
  if (group === undefined) throw invalidRequest('Give thingGroupName or thingGroupArn.')
  if (thing === undefined) throw invalidRequest('Give thingName or thingArn.')
  return {
    group: identifier(THING_GROUP_NAME_RULE, group),
    thing: identifier(THING_NAME_RULE, thing),
  }
}

export const createThingGroup = (registry: Registry): Operation => ({
  name: 'CreateThingGroup',
  handle: ({ params, body }) => {
    const input = bodyObject(body)
    const properties = optionalObject(input, 'thingGroupProperties') ?? {}
    const payload = optionalObject(properties, 'attributePayload') ?? {}
    const parentGroupName = optionalString(input, 'parentGroupName')
    const description = optionalString(properties, 'thingGroupDescription')
    const attributes = optionalStringMap(payload, 'attributes')
    const group = registry.createThingGroup({
      thingGroupName: identifier(THING_GROUP_NAME_RULE, params.thingGroupName),
      ...(parentGroupName === undefined
        ? {}
        : { parentGroupName: identifier(THING_GROUP_NAME_RULE, parentGroupName) }),
      ...(description === undefined ? {} : { description }),
      ...(attributes === undefined ? {} : { attributes }),
    })
    return {
      thingGroupName: group.thingGroupName,
      thingGroupArn: group.thingGroupArn,
      thingGroupId: group.thingGroupId,
    }
  },
})

export const describeThingGroup = (registry: Registry): Operation => ({
  name: 'DescribeThingGroup',
  handle: ({ params }) => {
    const group = registry.describeThingGroup(params.thingGroupName ?? '')
    return {
      thingGroupName: group.thingGroupName,
      thingGroupId: group.thingGroupId,
      thingGroupArn: group.thingGroupArn,
      version: group.version,
      thingGroupProperties: {
        thingGroupDescription: group.description,
        attributePayload: { attributes: group.attributes },
      },
      thingGroupMetadata: {
        parentGroupName: group.parentGroupName,
        rootToParentThingGroups: registry.ancestorGroups(group.thingGroupName).map(nameAndArn),
        creationDate: controlPlaneTime(group.creationDateMs),
      },
      // A dynamic group's members are always in line with its query (see fleet-index/dynamic-thing-groups.ts).
      ...(group.queryString === undefined
        ? {}
        : {
            indexName: group.indexName,
            queryString: group.queryString,
            queryVersion: group.queryVersion,
            status: 'ACTIVE',
          }),
    }
  },
})

export const listThingGroups = (registry: Registry): Operation => ({
  name: 'ListThingGroups',
  handle: ({ query }) => {
    const parentGroup = query.get('parentGroup') ?? undefined
    const namePrefixFilter = query.get('namePrefixFilter') ?? undefined
    const recursive =
      query.get('recursive') === null ? undefined : query.get('recursive') === 'true'
    const filter = {
      ...(parentGroup === undefined ? {} : { parentGroup }),
      ...(namePrefixFilter === undefined ? {} : { namePrefixFilter }),
      ...(recursive === undefined ? {} : { recursive }),
    }
    const page = paginate(
      registry.listThingGroups(filter),
      query,
      `ListThingGroups ${JSON.stringify(filter)}`,
      {
        limit: LIST_LIMIT,
      },
    )
    return { thingGroups: page.items.map(nameAndArn), nextToken: page.nextToken }
  },
})

export const deleteThingGroup = (registry: Registry): Operation => ({
  name: 'DeleteThingGroup',
  handle: ({ params, query }) => {
    registry.deleteThingGroup(
      params.thingGroupName ?? '',
      queryInteger(query, 'expectedVersion', 0, Number.MAX_SAFE_INTEGER),
    )
    return {}
  },
})

export const addThingToThingGroup = (registry: Registry): Operation => ({
  name: 'AddThingToThingGroup',
  handle: ({ body }) => {
    const input = bodyObject(body)
    const { group, thing } = membership(input)
    registry.addThingToThingGroup(group, thing, {
      overrideDynamicGroups: optionalBoolean(input, 'overrideDynamicGroups') ?? false,
    })
    return {}
  },
})

export const removeThingFromThingGroup = (registry: Registry): Operation => ({
  name: 'RemoveThingFromThingGroup',
  handle: ({ body }) => {
    const { group, thing } = membership(bodyObject(body))
    registry.removeThingFromThingGroup(group, thing)
    return {}
  },
})

export const listThingsInThingGroup = (registry: Registry): Operation => ({
  name: 'ListThingsInThingGroup',
  handle: ({ params, query }) => {
    const name = params.thingGroupName ?? ''
    registry.describeThingGroup(name)
    const recursive = query.get('recursive') === 'true'
    const page = paginate(
      registry.thingsInGroup(name, recursive),
      query,
      `ListThingsInThingGroup ${name} ${recursive}`,
      {
        limit: LIST_LIMIT,
      },
    )
    return { things: page.items, nextToken: page.nextToken }
  },
})

export const listThingGroupsForThing = (registry: Registry): Operation => ({
  name: 'ListThingGroupsForThing',
  handle: ({ params, query }) => {
    const name = params.thingName ?? ''
    registry.describeThing(name)
    const groups = registry
      .groupsForThing(name)
      .map((group) => registry.getThingGroup(group))
      .filter((group): group is ThingGroupRecord => group !== undefined)
    const page = paginate(groups, query, `ListThingGroupsForThing ${name}`, { limit: LIST_LIMIT })
    return { thingGroups: page.items.map(nameAndArn), nextToken: page.nextToken }
  },
})
