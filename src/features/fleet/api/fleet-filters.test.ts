import { describe, expect, it } from 'vitest'
import { fleetFilterParams, fleetFiltersFrom, hasFleetFilters } from './fleet-filters.ts'

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
})
