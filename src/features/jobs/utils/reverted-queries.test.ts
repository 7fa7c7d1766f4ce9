import { describe, expect, it } from 'vitest'
import { parseFleetIndexQuery } from '@domain/fleet-index-query.ts'
import { revertedCandidateQueries } from './reverted-queries.ts'

const thing = (name: string) => `arn:aws:iot:us-east-1:000000000000:thing/${name}`
const group = (name: string) => `arn:aws:iot:us-east-1:000000000000:thinggroup/${name}`

describe('revertedCandidateQueries', () => {
  it('asks a group for its devices that report a version other than the job’s', () => {
    expect(revertedCandidateQueries([group('site-berlin')], '1.2.0')).toEqual([
      'thingGroupNames:"site-berlin" AND shadow.reported.firmware.version:* AND NOT shadow.reported.firmware.version:"1.2.0"',
    ])
  })

  it('asks named things in batches that stay within 12 terms', () => {
    const names = Array.from({ length: 25 }, (_, index) => `lamp-${index}`)
    const queries = revertedCandidateQueries([...names.map(thing), group('g')], '2.0.0')
    expect(queries).toHaveLength(4)
    for (const query of queries) {
      const parsed = parseFleetIndexQuery(query)
      expect(parsed.ok && parsed.terms, query).toBeLessThanOrEqual(12)
    }
    expect(queries[3]).toBe(
      '(thingName:"lamp-20" OR thingName:"lamp-21" OR thingName:"lamp-22" OR thingName:"lamp-23" OR thingName:"lamp-24") AND shadow.reported.firmware.version:* AND NOT shadow.reported.firmware.version:"2.0.0"',
    )
  })
})
