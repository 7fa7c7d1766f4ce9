import { FIRMWARE_VERSION_INDEX_FIELD } from '@domain/fleet-index-custom-fields.ts'
import { describe, expect, it } from 'vitest'
import { fleetFiltersFrom } from './fleet-filters.ts'
import { fleetSearchQuery } from './fleet-search-query.ts'
import { versionRowsOf, type VersionRow } from './version-rows.ts'
import { versionDistribution } from './version-distribution.ts'

const searchOf = (row: VersionRow | undefined) => {
  const href = row?.href
  if (href === undefined) return undefined
  const url = new URL(href, 'https://fleetdeck.test')
  expect(url.pathname).toBe('/fleet')
  return fleetFiltersFrom(url.searchParams)
}

const rowsFor = (buckets: { keyValue: string; count: number }[], totalCount: number) =>
  versionRowsOf(versionDistribution({ totalCount, buckets }, 100), 'line-1')

describe('versionRowsOf', () => {
  it('links each version to a search for exactly that version in the group', () => {
    const rows = rowsFor(
      [
        { keyValue: '1.2.0', count: 3 },
        { keyValue: 'unknown', count: 2 },
        { keyValue: '1.*', count: 1 },
      ],
      6,
    )
    expect(rows.map((row) => row.label)).toEqual(['1.2.0', '1.*', 'unknown'])
    // Plain versions stay readable in the URL.
    expect(rows[0]?.href).toBe('/fleet?group=line-1&version=1.2.0')
    expect(searchOf(rows[0])).toEqual({ group: 'line-1', version: '1.2.0' })
    // Wildcards in a reported version are quoted, so the link is not a pattern.
    expect(searchOf(rows[1])).toEqual({ group: 'line-1', version: '"1.*"' })
    // A device that reports the word "unknown" is not one that reports nothing.
    expect(searchOf(rows[2])).toEqual({ group: 'line-1', version: 'unknown' })
    const query = fleetSearchQuery(searchOf(rows[1]) ?? {})
    expect(query.ok && query.queryString).toBe(
      `${FIRMWARE_VERSION_INDEX_FIELD}:"1.*" AND thingGroupNames:"line-1"`,
    )
  })

  it('links the devices that report no version to noVersion=1', () => {
    const rows = rowsFor([{ keyValue: '1.0.0', count: 3 }], 5)
    expect(rows.at(-1)).toEqual({
      id: 'remainder',
      label: 'Not reported',
      count: 2,
      href: '/fleet?group=line-1&noVersion=1',
    })
    expect(fleetSearchQuery(searchOf(rows.at(-1)) ?? {}).ok).toBe(true)
  })

  it('does not link a remainder that mixes unlisted versions with unreported ones', () => {
    const rows = versionRowsOf(
      versionDistribution({ totalCount: 5, buckets: [{ keyValue: '1.0.0', count: 3 }] }, 1),
      'line-1',
    )
    expect(rows.at(-1)).toEqual({
      id: 'remainder',
      label: 'Other versions or not reported',
      count: 2,
    })
  })

  it('keeps rows apart whatever devices report, and leaves unsearchable versions unlinked', () => {
    const rows = rowsFor(
      [
        { keyValue: 'Not reported', count: 1 },
        { keyValue: '', count: 1 },
      ],
      3,
    )
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length)
    expect(rows.find((row) => row.label === '(empty text)')?.href).toBeUndefined()
  })
})
