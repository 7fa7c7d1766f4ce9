import { fleetIndexField } from '../../../domain/fleet-index-fields.ts'
import { invalidRequest, notImplemented } from '../../edge/aws-error.ts'
import { optionalObject, optionalString, type JsonObject } from '../../edge/input.ts'
import type {
  IndexField,
  IndexFieldType,
  IndexingConfigurationRecord,
  ThingIndexingMode,
} from './records.ts'

/**
 * UpdateIndexingConfiguration's input, checked, and what follows from a
 * configuration: its managed fields and the type of every field an
 * aggregation may name.
 * https://docs.aws.amazon.com/iot/latest/developerguide/managing-index.html
 */

/** A new account: nothing indexed. */
export const DEFAULT_INDEXING_CONFIGURATION: IndexingConfigurationRecord = {
  thingIndexingMode: 'OFF',
  thingConnectivityIndexingMode: 'OFF',
  namedShadowIndexingMode: 'OFF',
  namedShadowNames: [],
  customFields: [],
  thingGroupIndexingMode: 'OFF',
  thingGroupCustomFields: [],
}

/** AWS's default quota of named shadows in `filter.namedShadowNames`. */
export const MAX_NAMED_SHADOW_NAMES = 10

const NAMED_SHADOW_NAME = /^(?:[a-zA-Z0-9:_-]{1,64}|\$package)$/
const FIELD_TYPES: readonly IndexFieldType[] = ['Number', 'String', 'Boolean']

function oneOf<T extends string>(
  body: JsonObject,
  member: string,
  values: readonly T[],
  fallback: T,
): T {
  const value = optionalString(body, member)
  if (value === undefined) return fallback
  if (!(values as readonly string[]).includes(value))
    throw invalidRequest(`${member} must be one of ${values.join(', ')}.`)
  return value as T
}

function fieldList(body: JsonObject, member: string): IndexField[] {
  const value = body[member]
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw invalidRequest(`${member} must be a list of fields.`)
  return value.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null)
      throw invalidRequest(`${member}[${index}] must be {name, type}.`)
    const field = item as JsonObject
    const name = optionalString(field, 'name')
    const type = optionalString(field, 'type')
    if (name === undefined || name === '')
      throw invalidRequest(`${member}[${index}].name is required.`)
    if (type === undefined || !(FIELD_TYPES as readonly string[]).includes(type))
      throw invalidRequest(`${member}[${index}].type must be Number, String or Boolean.`)
    return { name, type: type as IndexFieldType }
  })
}

function namedShadowNames(thing: JsonObject): string[] {
  const filter = optionalObject(thing, 'filter') ?? {}
  const geoLocations = filter.geoLocations
  if (Array.isArray(geoLocations) && geoLocations.length > 0)
    throw notImplemented('UpdateIndexingConfiguration with filter.geoLocations')
  const names = filter.namedShadowNames
  if (names === undefined || names === null) return []
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string'))
    throw invalidRequest('filter.namedShadowNames must be a list of shadow names.')
  for (const name of names as string[]) {
    if (!NAMED_SHADOW_NAME.test(name))
      throw invalidRequest(
        `${name} is not a shadow name (1-64 characters of a-z, A-Z, 0-9, :, _ and -).`,
      )
  }
  if (names.length > MAX_NAMED_SHADOW_NAMES)
    throw invalidRequest(
      `filter.namedShadowNames may list at most ${MAX_NAMED_SHADOW_NAMES} shadows.`,
    )
  return [...new Set(names as string[])]
}

/**
 * A custom field must be one the configuration indexes: "if you specify the
 * REGISTRY indexing mode, you cannot specify a field from a thing shadow";
 * managed fields cannot appear.
 */
function checkCustomField(field: IndexField, config: IndexingConfigurationRecord): void {
  const known = fleetIndexField(field.name)
  if (known === undefined || (known.source !== 'attributes' && known.source !== 'shadow'))
    throw invalidRequest(
      `Custom field ${field.name} must name a thing attribute (attributes.<name>) or a shadow field (shadow.…).`,
    )
  if (/^shadow\.(?:name\.[^.]+\.)?(?:hasDelta|version)$/.test(known.name))
    throw invalidRequest(`${field.name} is a managed field and cannot be a custom field.`)
  if (known.source !== 'shadow') return
  if (known.shadowName === undefined && config.thingIndexingMode !== 'REGISTRY_AND_SHADOW')
    throw invalidRequest(
      `Custom field ${field.name} is a shadow field; the thingIndexingMode ${config.thingIndexingMode} does not index shadows.`,
    )
  if (
    known.shadowName !== undefined &&
    (config.namedShadowIndexingMode !== 'ON' || !config.namedShadowNames.includes(known.shadowName))
  )
    throw invalidRequest(
      `Custom field ${field.name} is a field of the named shadow ${known.shadowName}, which the configuration does not index.`,
    )
}

/** The configuration UpdateIndexingConfiguration asks for; a part it leaves out stays as it was. */
export function readIndexingConfiguration(
  body: JsonObject,
  current: IndexingConfigurationRecord,
): IndexingConfigurationRecord {
  let next = current
  const thing = optionalObject(body, 'thingIndexingConfiguration')
  if (thing !== undefined) {
    if (optionalString(thing, 'thingIndexingMode') === undefined)
      throw invalidRequest('thingIndexingConfiguration.thingIndexingMode is required.')
    const thingIndexingMode = oneOf<ThingIndexingMode>(
      thing,
      'thingIndexingMode',
      ['OFF', 'REGISTRY', 'REGISTRY_AND_SHADOW'],
      'OFF',
    )
    if (oneOf(thing, 'deviceDefenderIndexingMode', ['OFF', 'VIOLATIONS'], 'OFF') === 'VIOLATIONS')
      throw notImplemented('UpdateIndexingConfiguration with deviceDefenderIndexingMode VIOLATIONS')
    const connectivity = oneOf(thing, 'thingConnectivityIndexingMode', ['OFF', 'STATUS'], 'OFF')
    const named = oneOf(thing, 'namedShadowIndexingMode', ['OFF', 'ON'], 'OFF')
    if (thingIndexingMode === 'OFF' && (connectivity === 'STATUS' || named === 'ON'))
      throw invalidRequest(
        'Connectivity and named shadows are indexed with the thing index only: set thingIndexingMode to REGISTRY or REGISTRY_AND_SHADOW.',
      )
    next = {
      ...next,
      thingIndexingMode,
      thingConnectivityIndexingMode: connectivity,
      namedShadowIndexingMode: named,
      namedShadowNames: namedShadowNames(thing),
      customFields: [],
    }
    const customFields = fieldList(thing, 'customFields')
    for (const field of customFields) checkCustomField(field, next)
    next = { ...next, customFields }
  }
  const group = optionalObject(body, 'thingGroupIndexingConfiguration')
  if (group !== undefined) {
    if (optionalString(group, 'thingGroupIndexingMode') === undefined)
      throw invalidRequest('thingGroupIndexingConfiguration.thingGroupIndexingMode is required.')
    next = {
      ...next,
      thingGroupIndexingMode: oneOf(group, 'thingGroupIndexingMode', ['OFF', 'ON'], 'OFF'),
      thingGroupCustomFields: fieldList(group, 'customFields'),
    }
  }
  return next
}

/** The fields AWS IoT defines for a configuration, as GetIndexingConfiguration lists them. */
export function managedFields(config: IndexingConfigurationRecord): IndexField[] {
  if (config.thingIndexingMode === 'OFF') return []
  const fields: IndexField[] = [
    { name: 'thingId', type: 'String' },
    { name: 'thingName', type: 'String' },
    { name: 'registry.version', type: 'Number' },
    { name: 'registry.thingTypeName', type: 'String' },
    { name: 'registry.thingGroupNames', type: 'String' },
  ]
  if (config.thingIndexingMode === 'REGISTRY_AND_SHADOW')
    fields.push(
      { name: 'shadow.version', type: 'Number' },
      { name: 'shadow.hasDelta', type: 'Boolean' },
    )
  if (config.namedShadowIndexingMode === 'ON')
    fields.push(
      { name: 'shadow.name.*.version', type: 'Number' },
      { name: 'shadow.name.*.hasDelta', type: 'Boolean' },
    )
  if (config.thingConnectivityIndexingMode === 'STATUS')
    fields.push(
      { name: 'connectivity.timestamp', type: 'Number' },
      { name: 'connectivity.version', type: 'Number' },
      { name: 'connectivity.connected', type: 'Boolean' },
      { name: 'connectivity.disconnectReason', type: 'String' },
    )
  return fields
}

/** The type of a field aggregations may use (a managed or custom field), or undefined when they may not. */
export function aggregationFieldType(
  config: IndexingConfigurationRecord,
  name: string,
): IndexFieldType | undefined {
  const canonical = fleetIndexField(name)?.name
  if (canonical === undefined) return undefined
  const custom = config.customFields.find((field) => field.name === name)
  if (custom !== undefined) return custom.type
  const managedName = canonical
    .replace(/^thingTypeName$/, 'registry.thingTypeName')
    .replace(/^thingGroupNames$/, 'registry.thingGroupNames')
    .replace(
      /^shadow\.name\.([^.]+)\.(hasDelta|version)$/,
      (whole, shadowName: string, last: string) =>
        config.namedShadowNames.includes(shadowName) ? `shadow.name.*.${last}` : whole,
    )
  return managedFields(config).find((field) => field.name === managedName)?.type
}

/** GetIndexingConfiguration's answer, and UpdateIndexingConfiguration's view of what it stored. */
export function describeIndexingConfiguration(config: IndexingConfigurationRecord) {
  return {
    thingIndexingConfiguration: {
      thingIndexingMode: config.thingIndexingMode,
      thingConnectivityIndexingMode: config.thingConnectivityIndexingMode,
      deviceDefenderIndexingMode: 'OFF',
      namedShadowIndexingMode: config.namedShadowIndexingMode,
      managedFields: managedFields(config),
      customFields: config.customFields,
      ...(config.namedShadowNames.length === 0
        ? {}
        : { filter: { namedShadowNames: config.namedShadowNames } }),
    },
    thingGroupIndexingConfiguration: {
      thingGroupIndexingMode: config.thingGroupIndexingMode,
      ...(config.thingGroupIndexingMode === 'ON'
        ? {
            managedFields: [
              { name: 'description', type: 'String' },
              { name: 'parentGroupNames', type: 'String' },
              { name: 'thingGroupId', type: 'String' },
              { name: 'thingGroupName', type: 'String' },
              { name: 'version', type: 'Number' },
            ],
          }
        : {}),
      customFields: config.thingGroupCustomFields,
    },
  }
}
