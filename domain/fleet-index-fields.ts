/**
 * The fields of AWS IoT's thing index (`AWS_Things`) that queries and
 * aggregations may name. Field names are case-sensitive. The registry's
 * managed fields have two spellings: queries write `thingTypeName` and
 * `thingGroupNames`, GetIndexingConfiguration lists `registry.thingTypeName`
 * and `registry.thingGroupNames`; both name the same field.
 * https://docs.aws.amazon.com/iot/latest/developerguide/managing-index.html
 * https://docs.aws.amazon.com/iot/latest/developerguide/example-queries.html
 */

/** Registry, shadow and connectivity fields with a fixed name (aliases excluded). */
export const FIXED_FIELDS = [
  'thingName',
  'thingId',
  'thingTypeName',
  'thingGroupNames',
  'registry.version',
  'shadow.hasDelta',
  'shadow.version',
  'connectivity.connected',
  'connectivity.timestamp',
  'connectivity.disconnectReason',
  'connectivity.version',
] as const

const ALIASES: Readonly<Record<string, string>> = {
  'registry.thingTypeName': 'thingTypeName',
  'registry.thingGroupNames': 'thingGroupNames',
}

/** The reserved named shadow of AWS's Software Package Catalog is the only shadow name that starts with `$`. */
const SHADOW_NAME = String.raw`(?:[a-zA-Z0-9:_-]{1,64}|\$package)`
/** Dot-separated member names of a shadow section or of a thing's attributes: no empty segment. */
const PATH = String.raw`[^.\s]+(?:\.[^.\s]+)*`

const SHADOW_FIELD = new RegExp(
  String.raw`^shadow\.(?:name\.(${SHADOW_NAME})\.)?(?:(reported|desired|delta)\.(${PATH})|(hasDelta|version))$`,
)
const ATTRIBUTE_FIELD = new RegExp(String.raw`^attributes\.(${PATH})$`)

export type FleetIndexFieldSource = 'registry' | 'attributes' | 'shadow' | 'connectivity'

export interface FleetIndexField {
  /** The field as the index stores it: aliases resolved. */
  readonly name: string
  readonly source: FleetIndexFieldSource
  /** For shadow fields: the named shadow, or undefined for the classic shadow. */
  readonly shadowName?: string
}

const fixedSource = (name: string): FleetIndexFieldSource =>
  name.startsWith('shadow.')
    ? 'shadow'
    : name.startsWith('connectivity.')
      ? 'connectivity'
      : 'registry'

/** What a field name refers to, or undefined when the thing index has no such field. */
export function fleetIndexField(name: string): FleetIndexField | undefined {
  const canonical = ALIASES[name] ?? name
  if ((FIXED_FIELDS as readonly string[]).includes(canonical))
    return { name: canonical, source: fixedSource(canonical) }
  if (ATTRIBUTE_FIELD.test(name)) return { name, source: 'attributes' }
  const shadow = SHADOW_FIELD.exec(name)
  if (shadow === null) return undefined
  const shadowName = shadow[1]
  return shadowName === undefined
    ? { name, source: 'shadow' }
    : { name, source: 'shadow', shadowName }
}

/** Why a field name is not one of the thing index's, or undefined when it is. */
export function fleetIndexFieldProblem(name: string): string | undefined {
  if (fleetIndexField(name) !== undefined) return undefined
  return `Unknown field ${name}: the thing index has thingName, thingId, thingTypeName, thingGroupNames, registry.version, attributes.<name>, shadow.reported.<path>, shadow.desired.<path>, shadow.delta.<path>, shadow.hasDelta, shadow.version, shadow.name.<shadowName>.… and connectivity.connected, .timestamp, .disconnectReason, .version.`
}
