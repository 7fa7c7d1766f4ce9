import { FIRMWARE_VERSION_INDEX_FIELD } from '@domain/fleet-index-custom-fields.ts'
import { parseFleetIndexQuery, type FleetIndexQuery } from '@domain/fleet-index-query.ts'
import { describe, expect, it } from 'vitest'
import {
  ALL_THINGS_QUERY,
  fleetSearchQuery,
  thingGroupQuery,
  thingNameQuery,
  wildcardWord,
} from './fleet-search-query.ts'
import { exactVersionFilter, fleetFiltersFrom, type FleetFilters } from './fleet-filters.ts'

const VERSION = FIRMWARE_VERSION_INDEX_FIELD

function queryOf(filters: FleetFilters): string {
  const result = fleetSearchQuery(filters)
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join('\n'))
  return result.queryString
}

/** The query as the local cloud (and the check before sending) reads it. */
function parsed(filters: FleetFilters): FleetIndexQuery {
  const result = parseFleetIndexQuery(queryOf(filters))
  if (!result.ok) throw new Error(result.message)
  return result.query
}

function issuesOf(filters: FleetFilters) {
  const result = fleetSearchQuery(filters)
  if (result.ok) throw new Error(`expected issues, got ${result.queryString}`)
  return result.issues
}

describe('fleetSearchQuery', () => {
  it('matches every thing when no filter is set, blank ones included', () => {
    expect(queryOf({})).toBe(ALL_THINGS_QUERY)
    expect(queryOf({ name: '  ', version: '' })).toBe(ALL_THINGS_QUERY)
    expect(parsed({})).toEqual({
      kind: 'term',
      field: 'thingName',
      match: { kind: 'exists' },
    })
  })

  it('searches names by prefix, escaping the characters a thing name may hold', () => {
    expect(queryOf({ name: 'sensor-01' })).toBe('thingName:sensor\\-01*')
    expect(parsed({ name: 'line:a_b' })).toEqual({
      kind: 'term',
      field: 'thingName',
      match: { kind: 'wildcard', pattern: 'line:a_b*' },
    })
  })

  it('keeps the wildcards the user wrote instead of adding a prefix search', () => {
    expect(parsed({ name: 'sensor-??-a*' })).toEqual({
      kind: 'term',
      field: 'thingName',
      match: { kind: 'wildcard', pattern: 'sensor-??-a*' },
    })
    expect(parsed({ name: '*' })).toEqual({
      kind: 'term',
      field: 'thingName',
      match: { kind: 'exists' },
    })
  })

  it('matches an attribute value exactly, quoted so it cannot become syntax', () => {
    expect(queryOf({ attribute: 'model=sensor-v2' })).toBe('attributes.model:"sensor-v2"')
    expect(parsed({ attribute: ' site = a=b[1] ' })).toEqual({
      kind: 'term',
      field: 'attributes.site',
      match: { kind: 'value', value: 'a=b[1]' },
    })
  })

  it('escapes attribute names that hold query syntax and allows value wildcards', () => {
    expect(parsed({ attribute: 'owner/team#1=ops-*' })).toEqual({
      kind: 'term',
      field: 'attributes.owner/team#1',
      match: { kind: 'wildcard', pattern: 'ops-*' },
    })
    expect(parsed({ attribute: 'model=*' })).toEqual({
      kind: 'term',
      field: 'attributes.model',
      match: { kind: 'exists' },
    })
  })

  it('searches the reported firmware version exactly, by pattern, or for none reported', () => {
    expect(parsed({ version: '1.4.0-rc.1' })).toEqual({
      kind: 'term',
      field: VERSION,
      match: { kind: 'value', value: '1.4.0-rc.1' },
    })
    expect(parsed({ version: '1.*' })).toEqual({
      kind: 'term',
      field: VERSION,
      match: { kind: 'wildcard', pattern: '1.*' },
    })
    // A device's version is whatever it reports, so odd text is searched, never interpreted.
    expect(parsed({ version: 'v2 "beta" \\ (x)' })).toEqual({
      kind: 'term',
      field: VERSION,
      match: { kind: 'value', value: 'v2 "beta" \\ (x)' },
    })
    expect(parsed({ noVersion: '1' })).toEqual({
      kind: 'and',
      clauses: [
        { kind: 'term', field: 'thingName', match: { kind: 'exists' } },
        { kind: 'not', clause: { kind: 'term', field: VERSION, match: { kind: 'exists' } } },
      ],
    })
  })

  it('matches text in double quotes exactly, wildcards and all', () => {
    expect(parsed({ version: '"1.*"' })).toEqual({
      kind: 'term',
      field: VERSION,
      match: { kind: 'value', value: '1.*' },
    })
    expect(parsed({ version: '" 2.0 "' })).toEqual({
      kind: 'term',
      field: VERSION,
      match: { kind: 'value', value: ' 2.0 ' },
    })
    expect(parsed({ version: '""a""' })).toEqual({
      kind: 'term',
      field: VERSION,
      match: { kind: 'value', value: '"a"' },
    })
    // "unknown" is a version like any other: devices may report that very text.
    expect(parsed({ version: 'unknown' })).toEqual({
      kind: 'term',
      field: VERSION,
      match: { kind: 'value', value: 'unknown' },
    })
  })

  it('finds exactly the reported version that exactVersionFilter was given', () => {
    for (const version of ['1.2.0', 'unknown', '1.*', 'v?', '"q"', ' pad ', '"', 'a"b', '*', '""'])
      expect(
        parsed(fleetFiltersFrom(new URLSearchParams({ version: exactVersionFilter(version) }))),
        JSON.stringify(version),
      ).toEqual({ kind: 'term', field: VERSION, match: { kind: 'value', value: version } })
  })

  it('refuses an empty quoted version, which the query syntax cannot hold', () => {
    expect(issuesOf({ version: exactVersionFilter('') })[0]?.filter).toBe('version')
  })

  it('refuses a version together with noVersion, and any noVersion but 1', () => {
    expect(issuesOf({ version: '1.0.0', noVersion: '1' })).toEqual([
      { filter: 'noVersion', message: expect.stringContaining('clear the version') },
    ])
    expect(issuesOf({ noVersion: 'yes' })[0]?.filter).toBe('noVersion')
  })

  it('filters on connectivity and group', () => {
    expect(queryOf({ connectivity: 'connected' })).toBe('connectivity.connected:true')
    expect(queryOf({ connectivity: 'disconnected' })).toBe('connectivity.connected:false')
    expect(parsed({ group: 'line:1' })).toEqual({
      kind: 'term',
      field: 'thingGroupNames',
      match: { kind: 'value', value: 'line:1' },
    })
  })

  it('joins every filter with AND in one query', () => {
    const query = queryOf({
      name: 'tv',
      attribute: 'model=x1',
      noVersion: '1',
      connectivity: 'connected',
      group: 'lab',
    })
    expect(query).toBe(
      `thingName:tv* AND attributes.model:"x1" AND NOT ${VERSION}:* AND connectivity.connected:true AND thingGroupNames:"lab"`,
    )
    const tree = parsed({ name: 'tv', noVersion: '1', group: 'lab' })
    expect(tree.kind === 'and' && tree.clauses).toHaveLength(3)
  })

  it('names the filter at fault, with a message an operator can act on', () => {
    expect(issuesOf({ name: 'bad name!' })).toEqual([
      {
        filter: 'name',
        message: expect.stringMatching(
          /^Name may contain only .*wildcards \* and \?; remove " ", "!"\.$/,
        ),
      },
    ])
    expect(issuesOf({ attribute: 'model' })[0]).toEqual({
      filter: 'attribute',
      message: 'Write the attribute as name=value, for example model=sensor-v2.',
    })
    expect(issuesOf({ attribute: 'model=' })[0]?.message).toBe(
      'Give a value after "model=", or model=* for any value.',
    )
    expect(issuesOf({ attribute: '=x' })[0]?.message).toBe('Attribute name is required.')
    expect(issuesOf({ attribute: 'model=a b' })[0]?.message).toMatch(
      /Attribute value may contain only/,
    )
    expect(issuesOf({ attribute: 'a..b=1' })[0]).toEqual({
      filter: 'attribute',
      message: expect.stringContaining('Unknown field attributes.a..b'),
    })
    expect(issuesOf({ connectivity: 'maybe' })[0]).toEqual({
      filter: 'connectivity',
      message: 'Connectivity is connected or disconnected.',
    })
    expect(issuesOf({ group: 'a group' })[0]?.filter).toBe('group')
    expect(issuesOf({ version: 'x'.repeat(257) })[0]?.filter).toBe('version')
    expect(issuesOf({ version: '1.0\n' + '1' })[0]?.message).toBe(
      'Version may not contain control characters.',
    )
  })

  it('reports every bad filter at once', () => {
    expect(issuesOf({ name: '!', group: ' a b ', connectivity: 'x' }).map((i) => i.filter)).toEqual(
      ['name', 'connectivity', 'group'],
    )
  })

  it('refuses what only the whole query breaks: a leading wildcard in a long query', () => {
    const issues = issuesOf({ name: '*abc', attribute: `site=${'x'.repeat(90)}` })
    expect(issues).toEqual([
      { filter: 'query', message: expect.stringContaining('at most 100 characters') },
    ])
  })
})

describe('single-thing and group queries', () => {
  it('quote the name so it is matched exactly', () => {
    expect(thingNameQuery('a:b')).toBe('thingName:"a:b"')
    expect(thingGroupQuery('lab-1')).toBe('thingGroupNames:"lab-1"')
    const group = parseFleetIndexQuery(thingGroupQuery('line:1'))
    expect(group.ok && group.query).toEqual({
      kind: 'term',
      field: 'thingGroupNames',
      match: { kind: 'value', value: 'line:1' },
    })
  })
})

describe('wildcardWord', () => {
  it('escapes everything but letters, digits, _ and the wildcards', () => {
    expect(wildcardWord('a-b:c*d?e f')).toBe('a\\-b\\:c*d?e\\ f')
  })
})
