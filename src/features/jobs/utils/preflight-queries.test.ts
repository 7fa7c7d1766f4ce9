import { describe, expect, it } from 'vitest'
import { parseFleetIndexQuery } from '@domain/fleet-index-query.ts'
import { modelQuery, thingNameQueries, unknownQuery, versionQuery } from './preflight-queries.ts'

const target = { model: 'lamp-v2', version: '1.2.0' }
const scope = 'thingGroupNames:"site-berlin"'

describe('preflight queries', () => {
  it('builds queries the fleet-index parser accepts', () => {
    for (const query of [
      modelQuery(scope, target),
      versionQuery(scope, target, '1.0.0'),
      unknownQuery(scope, target),
    ]) {
      expect(parseFleetIndexQuery(query).ok, query).toBe(true)
    }
    expect(versionQuery(scope, target, '1.0.0')).toBe(
      'thingGroupNames:"site-berlin" AND shadow.reported.firmware.model:"lamp-v2" AND shadow.reported.firmware.version:"1.0.0"',
    )
  })

  it('quotes what a device reported, so it cannot become an operator', () => {
    const query = versionQuery(scope, target, '1" OR thingName:*')
    expect(query).toContain('"1\\" OR thingName:*"')
    expect(parseFleetIndexQuery(query).ok).toBe(true)
  })

  it('asks for things by name in chunks of 12 terms', () => {
    const names = Array.from({ length: 25 }, (_, index) => `lamp-${index}`)
    const queries = thingNameQueries(names)
    expect(queries).toHaveLength(3)
    for (const query of queries) {
      const parsed = parseFleetIndexQuery(query)
      expect(parsed.ok && parsed.terms).toBeLessThanOrEqual(12)
    }
    expect(queries[2]).toBe('thingName:"lamp-24"')
  })
})
