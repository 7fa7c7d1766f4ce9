/**
 * The things page's filters, as they stand in its URL query string so that
 * every search deep-links (`/fleet?group=lab&version=1.4.0`). Values are kept
 * as typed; fleet-search-query.ts decides whether they make a query.
 */
export const FLEET_FILTER_NAMES = [
  'name',
  'attribute',
  'version',
  'noVersion',
  'connectivity',
  'group',
] as const
export type FleetFilterName = (typeof FLEET_FILTER_NAMES)[number]

export type FleetFilters = Partial<Record<FleetFilterName, string>>

export const CONNECTIVITY_FILTERS = ['connected', 'disconnected'] as const
export type ConnectivityFilter = (typeof CONNECTIVITY_FILTERS)[number]

/**
 * `noVersion=1`: devices that have reported no firmware version. A filter of
 * its own rather than a word in `version`, because a device may report any
 * text as its version, "unknown" included.
 */
export const NO_VERSION_FILTER_VALUE = '1'

/**
 * What the `version` filter asks for. Plain text matches that version
 * exactly; `*` and `?` make it a pattern; text in double quotes is matched
 * exactly as written between them, wildcards, spaces and quotes included,
 * so every version a device can report has a filter that finds only it.
 */
export type VersionFilter =
  | { readonly kind: 'exact'; readonly version: string }
  | { readonly kind: 'pattern'; readonly pattern: string }

const WILDCARD = /[*?]/
const isQuoted = (text: string) => text.length >= 2 && text.startsWith('"') && text.endsWith('"')

/** The version filter's meaning; `text` is the value as it stands in the URL (trimmed). */
export function versionFilterOf(text: string): VersionFilter {
  if (isQuoted(text)) return { kind: 'exact', version: text.slice(1, -1) }
  return WILDCARD.test(text) ? { kind: 'pattern', pattern: text } : { kind: 'exact', version: text }
}

/**
 * The `version` filter that finds exactly this reported version: the text
 * itself when it reads the same unquoted (so links stay readable,
 * `version=1.2.0`), else the text in double quotes.
 */
export function exactVersionFilter(version: string): string {
  const readsTheSame =
    version !== '' && version === version.trim() && !WILDCARD.test(version) && !isQuoted(version)
  return readsTheSame ? version : `"${version}"`
}

/** The filters a URL carries; blank ones are left out. */
export function fleetFiltersFrom(search: URLSearchParams): FleetFilters {
  const filters: FleetFilters = {}
  for (const name of FLEET_FILTER_NAMES) {
    const value = search.get(name)?.trim()
    if (value) filters[name] = value
  }
  return filters
}

/** Filters as query-string parameters for `paths.fleet.things`, blank ones left out. */
export function fleetFilterParams(filters: FleetFilters): Record<string, string | undefined> {
  const params: Record<string, string | undefined> = {}
  for (const name of FLEET_FILTER_NAMES) {
    const value = filters[name]?.trim()
    if (value) params[name] = value
  }
  return params
}

/**
 * The things page's query string for these filters and nothing else: no
 * `page`, so a new search starts at page 1.
 */
export function fleetFilterSearchParams(filters: FleetFilters): URLSearchParams {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(fleetFilterParams(filters)))
    if (value !== undefined) search.set(name, value)
  return search
}

export const hasFleetFilters = (filters: FleetFilters): boolean =>
  FLEET_FILTER_NAMES.some((name) => filters[name] !== undefined)
