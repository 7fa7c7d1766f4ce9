import { describe, expect, it } from 'vitest'
import {
  exactVersionFilter,
  fleetFilterParams,
  fleetFilterSearchParams,
  fleetFiltersFrom,
  hasFleetFilters,
  versionFilterOf,
} from './fleet-filters.ts'

describe('fleet filters in the URL', () => {
  it('reads the known filters, trimmed, leaving out blank and unknown ones', () => {
    const filters = fleetFiltersFrom(
      new URLSearchParams('name=%20tv%20&version=&group=lab&connectivity=connected&page=3'),
    )
    expect(filters).toEqual({ name: 'tv', group: 'lab', connectivity: 'connected' })
    expect(hasFleetFilters(filters)).toBe(true)
    expect(hasFleetFilters(fleetFiltersFrom(new URLSearchParams('version=')))).toBe(false)
  })

  it('writes what it reads, so a search survives a round trip through a link', () => {
    const filters = { attribute: 'site=north/a', version: '1.2.0+b1', name: ' ' }
    const params = fleetFilterParams(filters)
    expect(params).toEqual({ attribute: 'site=north/a', version: '1.2.0+b1' })
    const search = new URLSearchParams(params as Record<string, string>)
    expect(fleetFiltersFrom(search)).toEqual({ attribute: 'site=north/a', version: '1.2.0+b1' })
  })

  it('writes a new search without the page, so it starts at page 1', () => {
    const current = new URLSearchParams('group=lab&page=3')
    const next = fleetFilterSearchParams({ ...fleetFiltersFrom(current), version: '1.*' })
    expect(next.toString()).toBe('version=1.*&group=lab')
  })

  it('carries noVersion like any other filter', () => {
    expect(fleetFiltersFrom(new URLSearchParams('noVersion=1&group=lab'))).toEqual({
      noVersion: '1',
      group: 'lab',
    })
  })
})

describe('the version filter', () => {
  it('reads plain text as exact, wildcards as a pattern, and quoted text as exact', () => {
    expect(versionFilterOf('1.2.0')).toEqual({ kind: 'exact', version: '1.2.0' })
    expect(versionFilterOf('unknown')).toEqual({ kind: 'exact', version: 'unknown' })
    expect(versionFilterOf('1.*')).toEqual({ kind: 'pattern', pattern: '1.*' })
    expect(versionFilterOf('"1.*"')).toEqual({ kind: 'exact', version: '1.*' })
    expect(versionFilterOf('"')).toEqual({ kind: 'exact', version: '"' })
  })

  it('links a reported version as itself when that is exact, else quoted', () => {
    expect(exactVersionFilter('1.2.0')).toBe('1.2.0')
    expect(exactVersionFilter('unknown')).toBe('unknown')
    expect(exactVersionFilter('1.*')).toBe('"1.*"')
    expect(exactVersionFilter('what?')).toBe('"what?"')
    expect(exactVersionFilter(' 1.0')).toBe('" 1.0"')
    expect(exactVersionFilter('"beta"')).toBe('""beta""')
    for (const version of ['1.2.0', '1.*', ' 1.0 ', '"beta"', 'a"', '"'])
      expect(versionFilterOf(exactVersionFilter(version).trim())).toEqual({
        kind: 'exact',
        version,
      })
  })
})
