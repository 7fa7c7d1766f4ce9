/**
 * The things page's filters, as they stand in its URL query string so that
 * every search deep-links (`/fleet?group=lab&version=1.4.0`). Values are kept
 * as typed; fleet-search-query.ts decides whether they make a query.
 */
export const FLEET_FILTER_NAMES = ['name', 'attribute', 'version', 'connectivity', 'group'] as const
export type FleetFilterName = (typeof FLEET_FILTER_NAMES)[number]

export type FleetFilters = Partial<Record<FleetFilterName, string>>

export const CONNECTIVITY_FILTERS = ['connected', 'disconnected'] as const
export type ConnectivityFilter = (typeof CONNECTIVITY_FILTERS)[number]

/**
 * The version filter's word for devices that have not reported a version;
 * the group page's distribution calls them "unknown" too.
 */
export const UNKNOWN_VERSION_FILTER = 'unknown'

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

export const hasFleetFilters = (filters: FleetFilters): boolean =>
  FLEET_FILTER_NAMES.some((name) => filters[name] !== undefined)
