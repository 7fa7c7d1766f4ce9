import { paths } from '@/config/paths.ts'
import { exactVersionFilter, NO_VERSION_FILTER_VALUE } from './fleet-filters.ts'
import { fleetSearchQuery } from './fleet-search-query.ts'
import type { VersionDistribution } from './version-distribution.ts'

/** One row of a group's "Devices by version" table (and one bar of its chart). */
export interface VersionRow {
  /** Unique among the rows, whatever text devices report. */
  readonly id: string
  readonly label: string
  readonly count: number
  /** The things page listing exactly these devices, when one search can. */
  readonly href?: string
}

export const NOT_REPORTED_LABEL = 'Not reported'
export const OTHER_OR_NOT_REPORTED_LABEL = 'Other versions or not reported'

/**
 * The rows for a group's distribution. Each version links to a search for
 * exactly that version (exactVersionFilter, so a device reporting `1.*` or
 * the word "unknown" links to itself and nothing else); the devices that
 * report none link to `noVersion=1`. A version no search can hold (empty,
 * or with control characters) is counted but not linked.
 */
export function versionRowsOf(
  distribution: VersionDistribution,
  thingGroupName: string,
): VersionRow[] {
  const rows: VersionRow[] = distribution.versions.map(({ version, count }) => {
    const filters = { group: thingGroupName, version: exactVersionFilter(version) }
    return {
      id: `version:${version}`,
      label: version === '' ? '(empty text)' : version,
      count,
      ...(fleetSearchQuery(filters).ok ? { href: paths.fleet.things(filters) } : {}),
    }
  })
  if (distribution.remainder > 0)
    rows.push(
      // When the answer filled every bucket, the remainder mixes unlisted versions with
      // unreported ones, and no single search lists exactly those devices.
      distribution.truncated
        ? { id: 'remainder', label: OTHER_OR_NOT_REPORTED_LABEL, count: distribution.remainder }
        : {
            id: 'remainder',
            label: NOT_REPORTED_LABEL,
            count: distribution.remainder,
            href: paths.fleet.things({ group: thingGroupName, noVersion: NO_VERSION_FILTER_VALUE }),
          },
    )
  return rows
}
