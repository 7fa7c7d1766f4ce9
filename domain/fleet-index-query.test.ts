import { describe, expect, it } from 'vitest'
import { fleetIndexField, fleetIndexFieldProblem } from './fleet-index-fields.ts'
import {
  MAX_QUERY_TERMS,
  parseFleetIndexQuery,
  queryValue,
  type FleetIndexQuery,
} from './fleet-index-query.ts'

function parsed(text: string): FleetIndexQuery {
  const result = parseFleetIndexQuery(text)
  if (!result.ok) throw new Error(`${text}: ${result.message}`)
  return result.query
}

function problem(text: string): string {
  const result = parseFleetIndexQuery(text)
  if (result.ok) throw new Error(`${text} parsed: ${JSON.stringify(result.query)}`)
  return result.message
}

const value = (field: string | undefined, text: string) => ({
  kind: 'term',
  field,
  match: { kind: 'value', value: text },
})

describe('parseFleetIndexQuery: terms', () => {
  it.each([
    ['thingName:sensor-1', value('thingName', 'sensor-1')],
    [
      'thingId:a4b9f759-b0f2-4857-8a4b-967745ed9f4e',
      value('thingId', 'a4b9f759-b0f2-4857-8a4b-967745ed9f4e'),
    ],
    ['thingTypeName:aa', value('thingTypeName', 'aa')],
    ['registry.thingTypeName:aa', value('thingTypeName', 'aa')],
    ['thingGroupNames:warehouse', value('thingGroupNames', 'warehouse')],
    ['registry.thingGroupNames:warehouse', value('thingGroupNames', 'warehouse')],
    ['registry.version:3', value('registry.version', '3')],
    ['attributes.myAttribute:75', value('attributes.myAttribute', '75')],
    ['attributes.model:Legacy', value('attributes.model', 'Legacy')],
    ['shadow.reported.firmware.version:1.2.3', value('shadow.reported.firmware.version', '1.2.3')],
    ['shadow.desired.power:on', value('shadow.desired.power', 'on')],
    ['shadow.delta.power:on', value('shadow.delta.power', 'on')],
    ['shadow.hasDelta:true', value('shadow.hasDelta', 'true')],
    ['shadow.version:10', value('shadow.version', '10')],
    [
      'shadow.name.$package.reported.firmware.version:2.0.0-rc.1',
      value('shadow.name.$package.reported.firmware.version', '2.0.0-rc.1'),
    ],
    ['shadow.name.config.desired.mode:eco', value('shadow.name.config.desired.mode', 'eco')],
    ['shadow.name.config.hasDelta:false', value('shadow.name.config.hasDelta', 'false')],
    ['connectivity.connected:true', value('connectivity.connected', 'true')],
    [
      'connectivity.disconnectReason:CONNECTION_LOST',
      value('connectivity.disconnectReason', 'CONNECTION_LOST'),
    ],
    ['connectivity.version:2', value('connectivity.version', '2')],
    ['thingName : spaced', value('thingName', 'spaced')],
    ['thingName:"new york"', value('thingName', 'new york')],
    ['attributes.location:"new york"', value('attributes.location', 'new york')],
    ['attributes.quote:"say \\"hi\\""', value('attributes.quote', 'say "hi"')],
    ['attributes.path:a\\/b', value('attributes.path', 'a/b')],
    ['thingName:a\\:b', value('thingName', 'a:b')],
    ['thingName:literal\\*', value('thingName', 'literal*')],
    ['attributes.temp:-5', value('attributes.temp', '-5')],
    ['abc', value(undefined, 'abc')],
    ['"two words"', value(undefined, 'two words')],
    ['  thingName:padded  ', value('thingName', 'padded')],
    ['thingName:ANDROID', value('thingName', 'ANDROID')],
    ['and', value(undefined, 'and')],
  ])('%s', (text, expected) => {
    expect(parsed(text)).toEqual(expected)
  })
})

describe('parseFleetIndexQuery: wildcards', () => {
  it.each([
    ['thingName:sensor-*', { kind: 'wildcard', pattern: 'sensor-*' }],
    ['thingName:ab?', { kind: 'wildcard', pattern: 'ab?' }],
    ['attributes.myAttribute:i*t', { kind: 'wildcard', pattern: 'i*t' }],
    ['thingName:a\\*b*', { kind: 'wildcard', pattern: 'a\\*b*' }],
    ['thingName:*my', { kind: 'wildcard', pattern: '*my' }],
    ['thingName:?x', { kind: 'wildcard', pattern: '?x' }],
    ['shadow.reported.location:*', { kind: 'exists' }],
    ['connectivity.connected:*', { kind: 'exists' }],
  ])('%s', (text, match) => {
    expect(parsed(text)).toEqual({ kind: 'term', field: text.split(':')[0], match })
  })

  it('reads * alone as every thing', () => {
    expect(parsed('*')).toEqual({ kind: 'all' })
    expect(parsed(' * ')).toEqual({ kind: 'all' })
  })

  it('keeps a bare wildcard value bare', () => {
    expect(parsed('sens*')).toEqual({
      kind: 'term',
      field: undefined,
      match: { kind: 'wildcard', pattern: 'sens*' },
    })
  })
})

describe('parseFleetIndexQuery: ranges and comparisons', () => {
  const range = (field: string, lower?: [string, boolean], upper?: [string, boolean]) => ({
    kind: 'term',
    field,
    match: {
      kind: 'range',
      ...(lower === undefined ? {} : { lower: { value: lower[0], inclusive: lower[1] } }),
      ...(upper === undefined ? {} : { upper: { value: upper[0], inclusive: upper[1] } }),
    },
  })

  it.each([
    [
      'attributes.myAttribute:[75 TO 80]',
      range('attributes.myAttribute', ['75', true], ['80', true]),
    ],
    [
      'attributes.myAttribute:{75 TO 80]',
      range('attributes.myAttribute', ['75', false], ['80', true]),
    ],
    [
      'attributes.myAttribute:[75 TO 80}',
      range('attributes.myAttribute', ['75', true], ['80', false]),
    ],
    [
      'attributes.myAttribute:{75 TO 80}',
      range('attributes.myAttribute', ['75', false], ['80', false]),
    ],
    [
      'attributes.serialNumber:["abcd" TO "abcf"]',
      range('attributes.serialNumber', ['abcd', true], ['abcf', true]),
    ],
    [
      'shadow.reported.stats.battery:{70 TO 100}',
      range('shadow.reported.stats.battery', ['70', false], ['100', false]),
    ],
    [
      'connectivity.timestamp : [1557651600000 TO 1557867600000]',
      range('connectivity.timestamp', ['1557651600000', true], ['1557867600000', true]),
    ],
    ['attributes.n:[ -5 TO 5 ]', range('attributes.n', ['-5', true], ['5', true])],
    ['attributes.n:[* TO 5]', range('attributes.n', undefined, ['5', true])],
    ['attributes.n:[5 TO *]', range('attributes.n', ['5', true])],
    [
      'shadow.reported.version:[1.0.0 TO 2.0.0}',
      range('shadow.reported.version', ['1.0.0', true], ['2.0.0', false]),
    ],
    ['attributes.attr2<5', range('attributes.attr2', undefined, ['5', false])],
    ['attributes.attr2<=5', range('attributes.attr2', undefined, ['5', true])],
    ['attributes.attr3>10', range('attributes.attr3', ['10', false])],
    ['attributes.attr3>=10', range('attributes.attr3', ['10', true])],
    [
      'connectivity.timestamp > 1557651600000',
      range('connectivity.timestamp', ['1557651600000', false]),
    ],
    ['attributes.temp>-5', range('attributes.temp', ['-5', false])],
    ['attributes.attr3:>10', range('attributes.attr3', ['10', false])],
    ['attributes.name>"m"', range('attributes.name', ['m', false])],
  ])('%s', (text, expected) => {
    expect(parsed(text)).toEqual(expected)
  })
})

describe('parseFleetIndexQuery: Boolean operators', () => {
  const a = value('thingName', 'a')
  const b = value('thingName', 'b')
  const c = value('thingName', 'c')

  it.each<[string, unknown]>([
    ['thingName:a AND thingName:b', { kind: 'and', clauses: [a, b] }],
    ['thingName:a thingName:b', { kind: 'and', clauses: [a, b] }],
    ['thingName:a OR thingName:b', { kind: 'or', clauses: [a, b] }],
    ['NOT thingName:a', { kind: 'not', clause: a }],
    ['-thingName:a', { kind: 'not', clause: a }],
    ['NOT(thingName:a)', { kind: 'not', clause: a }],
    ['NOT NOT thingName:a', { kind: 'not', clause: { kind: 'not', clause: a } }],
    [
      'thingName:a OR thingName:b thingName:c',
      { kind: 'or', clauses: [a, { kind: 'and', clauses: [b, c] }] },
    ],
    [
      'thingName:a thingName:b OR thingName:c',
      { kind: 'or', clauses: [{ kind: 'and', clauses: [a, b] }, c] },
    ],
    [
      '(thingName:a OR thingName:b) thingName:c',
      { kind: 'and', clauses: [{ kind: 'or', clauses: [a, b] }, c] },
    ],
    [
      'thingName:a AND (thingName:b OR thingName:c)',
      { kind: 'and', clauses: [a, { kind: 'or', clauses: [b, c] }] },
    ],
    ['thingName:a AND thingName:b AND thingName:c', { kind: 'and', clauses: [a, b, c] }],
    ['thingName:a OR thingName:b OR thingName:c', { kind: 'or', clauses: [a, b, c] }],
    ['((thingName:a))', a],
    ['thingName:a NOT thingName:b', { kind: 'and', clauses: [a, { kind: 'not', clause: b }] }],
    ['thingName:a -thingName:b', { kind: 'and', clauses: [a, { kind: 'not', clause: b }] }],
    ['-(thingName:a OR thingName:b)', { kind: 'not', clause: { kind: 'or', clauses: [a, b] } }],
  ])('%s', (text, expected) => {
    expect(parsed(text)).toEqual(expected)
  })

  it('reads the guide’s combined example', () => {
    expect(parsed('attributes.attr1:abc AND attributes.attr2<5 NOT attributes.attr3>10')).toEqual({
      kind: 'and',
      clauses: [
        value('attributes.attr1', 'abc'),
        {
          kind: 'term',
          field: 'attributes.attr2',
          match: { kind: 'range', upper: { value: '5', inclusive: false } },
        },
        {
          kind: 'not',
          clause: {
            kind: 'term',
            field: 'attributes.attr3',
            match: { kind: 'range', lower: { value: '10', inclusive: false } },
          },
        },
      ],
    })
  })

  it('reads a field group as terms of that field', () => {
    expect(parsed('thingName:(tv* AND -plasma)')).toEqual({
      kind: 'and',
      clauses: [
        { kind: 'term', field: 'thingName', match: { kind: 'wildcard', pattern: 'tv*' } },
        { kind: 'not', clause: value('thingName', 'plasma') },
      ],
    })
    expect(
      parsed('shadow.reported.stats.battery:{70 TO 100} (v2 OR v3) NOT attributes.model:legacy'),
    ).toMatchObject({
      kind: 'and',
      clauses: [
        { field: 'shadow.reported.stats.battery' },
        { kind: 'or', clauses: [value(undefined, 'v2'), value(undefined, 'v3')] },
        { kind: 'not', clause: value('attributes.model', 'legacy') },
      ],
    })
  })

  it('reads a field group holding * as the field existing', () => {
    expect(parsed('thingName:(*)')).toEqual({
      kind: 'term',
      field: 'thingName',
      match: { kind: 'exists' },
    })
  })
})

describe('parseFleetIndexQuery: limits', () => {
  const terms = (count: number) =>
    Array.from({ length: count }, (_, index) => `thingName:t${index}`).join(' OR ')

  it(`accepts ${MAX_QUERY_TERMS} terms and refuses one more`, () => {
    expect(parseFleetIndexQuery(terms(MAX_QUERY_TERMS))).toMatchObject({
      ok: true,
      terms: MAX_QUERY_TERMS,
    })
    expect(problem(terms(MAX_QUERY_TERMS + 1))).toMatch(/at most 12 terms/)
  })

  it('counts each term of a field group, and ranges once', () => {
    expect(parseFleetIndexQuery('thingName:(a OR b OR c) attributes.x:[1 TO 2]')).toMatchObject({
      terms: 4,
    })
  })

  it('allows one leading wildcard in a short query', () => {
    expect(parseFleetIndexQuery('thingName:*my AND attributes.a:b')).toMatchObject({ ok: true })
  })

  it.each([
    ['two leading wildcards', 'thingName:*my AND thingGroupNames:*echo', /Only one term/],
    [
      'a long query with a leading wildcard',
      `thingName:*my AND attributes.long:${'x'.repeat(80)}`,
      /at most 100 characters/,
    ],
  ])('refuses %s', (_, text, message) => {
    expect(problem(text)).toMatch(message)
  })
})

describe('parseFleetIndexQuery: refusals', () => {
  it.each([
    ['an empty query', '', /empty/],
    ['blank text', '   ', /empty/],
    ['an unknown field', 'thingType:xyz', /Unknown field thingType/],
    ['a field in the wrong case', 'ThingName:x', /Unknown field ThingName/],
    ['an unknown connectivity field', 'connectivity.ip:1', /Unknown field/],
    ['a shadow section that does not exist', 'shadow.state.x:1', /Unknown field/],
    ['an attribute without a name', 'attributes.:x', /Unknown field/],
    ['a field without a value', 'thingName:', /needs a value/],
    ['a field followed by space only', 'thingName:   AND x', /needs a value|needs a term/],
    ['a missing field name', ':x', /field name is missing/],
    ['a wildcard field name', 'thing*:x', /may not contain wildcards/],
    ['an unclosed parenthesis', '(thingName:a', /never closed/],
    ['a stray closing parenthesis', 'thingName:a)', /Unexpected \)/],
    ['empty parentheses', '()', /Unexpected \)/],
    ['AND at the start', 'AND thingName:a', /AND needs a term before it/],
    ['OR at the start', 'OR thingName:a', /OR needs a term before it/],
    ['AND at the end', 'thingName:a AND', /missing at the end/],
    ['OR at the end', 'thingName:a OR', /missing at the end/],
    ['NOT alone', 'NOT', /missing at the end/],
    ['a lone -', 'thingName:a - thingName:b', /- must be followed/],
    ['two ORs', 'thingName:a OR OR thingName:b', /OR needs a term before it/],
    ['an unterminated quote', 'thingName:"abc', /closing "/],
    ['an empty quote', 'thingName:""', /may not be empty/],
    ['a range without TO', 'attributes.a:[1 2]', /TO is missing/],
    ['a range without its end', 'attributes.a:[1 TO 2', /must end with \] or \}/],
    ['a range with a wildcard end', 'attributes.a:[1* TO 2]', /wildcards/],
    ['a comparison without a value', 'attributes.a>', /needs a value/],
    ['a comparison with a wildcard', 'attributes.a>1*', /wildcards/],
    ['an unsupported character', 'thingName:a@b', /character @ is not supported/],
    ['a comma', 'attributes.a:1,2', /character , is not supported/],
    ['a single quote', "thingName:'a'", /character ' is not supported/],
    ['a slash', 'thingName:a/b', /character \/ is not supported/],
    ['a trailing backslash', 'thingName:a\\', /backslash must escape/],
    [
      'a fielded term inside a field group',
      'thingName:(a OR thingId:b)',
      /field group holds values of thingName only/,
    ],
    ['an unclosed field group', 'thingName:(a OR b', /closing \)/],
  ])('refuses %s', (_, text, message) => {
    expect(problem(text)).toMatch(message)
  })

  it('says where the problem is', () => {
    expect(problem('thingName:a AND Bogus:b')).toMatch(/\(at character 17\)\.$/)
  })
})

describe('fleetIndexField', () => {
  it.each([
    ['thingName', { name: 'thingName', source: 'registry' }],
    ['registry.thingGroupNames', { name: 'thingGroupNames', source: 'registry' }],
    ['attributes.model', { name: 'attributes.model', source: 'attributes' }],
    ['shadow.reported.a.b', { name: 'shadow.reported.a.b', source: 'shadow' }],
    ['shadow.hasDelta', { name: 'shadow.hasDelta', source: 'shadow' }],
    [
      'shadow.name.$package.reported.fw.version',
      {
        name: 'shadow.name.$package.reported.fw.version',
        source: 'shadow',
        shadowName: '$package',
      },
    ],
    ['connectivity.timestamp', { name: 'connectivity.timestamp', source: 'connectivity' }],
  ])('%s', (name, expected) => {
    expect(fleetIndexField(name)).toEqual(expected)
  })

  it.each([
    'thingname',
    'shadow.name.$other.reported.x',
    'shadow.reported',
    'shadow.reported..x',
    'registry.other',
  ])('knows no field %s', (name) => {
    expect(fleetIndexField(name)).toBeUndefined()
    expect(fleetIndexFieldProblem(name)).toMatch(/^Unknown field/)
  })
})

describe('queryValue', () => {
  it.each([
    ['plain', '"plain"'],
    ['with space', '"with space"'],
    ['a"b', '"a\\"b"'],
    ['a\\b', '"a\\\\b"'],
    ['AND', '"AND"'],
    ['*', '"*"'],
  ])('quotes %j so it reads back unchanged', (text, quoted) => {
    expect(queryValue(text)).toBe(quoted)
    expect(parsed(`attributes.a:${queryValue(text)}`)).toEqual(value('attributes.a', text))
  })
})
