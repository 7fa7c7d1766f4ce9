import { describe, expect, it } from 'vitest'
import { parseFleetIndexQuery } from '../../../domain/fleet-index-query.ts'
import { compileQuery, numberOf } from './query-matcher.ts'
import type { IndexValue } from './thing-document.ts'

const thing = new Map<string, readonly IndexValue[]>([
  ['thingName', ['Sensor-0042']],
  ['thingTypeName', ['pump_sensor']],
  ['thingGroupNames', ['plant', 'plant-line-1']],
  ['attributes.temp', ['72']],
  ['attributes.serialNumber', ['abce']],
  ['attributes.model', ['Legacy']],
  ['shadow.reported.firmware.version', ['1.10.0']],
  ['shadow.reported.stats.battery', [78]],
  ['shadow.reported.myvalues', [1, 2, 3]],
  ['shadow.hasDelta', [true]],
  ['connectivity.connected', [false]],
  ['connectivity.timestamp', [1557651600500]],
])

function matches(query: string): boolean {
  const parsed = parseFleetIndexQuery(query)
  if (!parsed.ok) throw new Error(parsed.message)
  return compileQuery(parsed.query)(thing)
}

describe('compileQuery', () => {
  it.each([
    ['*', true],
    ['thingName:Sensor-0042', true],
    ['thingName:sensor-0042', true],
    ['thingName:SENSOR-0042', true],
    ['thingName:sensor-004', false],
    ['thingName:sensor-*', true],
    ['thingName:sensor-00?2', true],
    ['thingName:sensor-0?2', false],
    ['thingName:*0042', true],
    ['thingName:s*4*', true],
    ['thingName:*', true],
    ['thingTypeName:*', true],
    ['attributes.missing:*', false],
    ['thingGroupNames:plant', true],
    ['thingGroupNames:plant-line-1', true],
    ['thingGroupNames:plant-line-2', false],
    ['thingGroupNames:plant-*', true],
    ['attributes.temp:72', true],
    ['attributes.temp:72.0', true],
    ['attributes.temp>71', true],
    ['attributes.temp>=72', true],
    ['attributes.temp>72', false],
    ['attributes.temp<100', true],
    ['attributes.temp<=71', false],
    ['attributes.temp:[72 TO 80]', true],
    ['attributes.temp:{72 TO 80]', false],
    ['attributes.temp:[60 TO 72}', false],
    ['attributes.temp:[60 TO *]', true],
    ['attributes.temp:[* TO 60]', false],
    ['attributes.serialNumber:["abcd" TO "abcf"]', true],
    ['attributes.serialNumber:{abce TO abcf]', false],
    ['attributes.serialNumber:[ABCD TO ABCF]', true],
    ['attributes.model:legacy', true],
    ['NOT attributes.model:legacy', false],
    ['-attributes.model:legacy', false],
    ['attributes.model:(legacy OR modern)', true],
    ['attributes.model:(leg* AND -legacy)', false],
    ['shadow.reported.firmware.version:1.10.0', true],
    ['shadow.reported.firmware.version:1.1*', true],
    ['shadow.reported.firmware.version:[1.0.0 TO 1.9.9]', true],
    ['shadow.reported.firmware.version>1.2', false],
    ['shadow.reported.stats.battery:{70 TO 100}', true],
    ['shadow.reported.stats.battery:78', true],
    ['shadow.reported.stats.battery>80', false],
    ['shadow.reported.myvalues:2', true],
    ['shadow.reported.myvalues:4', false],
    ['shadow.reported.myvalues>2', true],
    ['shadow.hasDelta:true', true],
    ['shadow.hasDelta:TRUE', true],
    ['shadow.hasDelta:false', false],
    ['connectivity.connected:false', true],
    ['connectivity.connected:true', false],
    [
      'connectivity.connected:false AND connectivity.timestamp:[1557651600000 TO 1557867600000]',
      true,
    ],
    ['connectivity.timestamp > 1557651600500', false],
    ['shadow.desired.power:on', false],
    ['NOT shadow.desired.power:on', true],
    ['pump_sensor', true],
    ['legacy', true],
    ['78', true],
    ['nowhere', false],
    ['(v2 OR Legacy)', true],
    ['thingName:x OR attributes.model:legacy', true],
    ['thingName:x attributes.model:legacy', false],
    ['attributes.attr1:abc AND attributes.temp<5 NOT attributes.temp>10', false],
  ])('%s → %s', (query, expected) => {
    expect(matches(query)).toBe(expected)
  })
})

describe('wildcard terms', () => {
  it('match a long, device-chosen value against many wildcards at once', () => {
    const long = 'a'.repeat(2_000)
    const run = (value: string) => {
      const parsed = parseFleetIndexQuery(`shadow.reported.fw:${'a*'.repeat(8)}c`)
      if (!parsed.ok) throw new Error(parsed.message)
      return compileQuery(parsed.query)(new Map([['shadow.reported.fw', [value]]]))
    }
    expect(run(long)).toBe(false)
    expect(run(`${long}C`)).toBe(true)
  })

  it('read an escaped wildcard as the character itself', () => {
    const parsed = parseFleetIndexQuery('attributes.note:a\\*b')
    if (!parsed.ok) throw new Error(parsed.message)
    const query = compileQuery(parsed.query)
    expect(query(new Map([['attributes.note', ['a*b']]]))).toBe(true)
    expect(query(new Map([['attributes.note', ['axxb']]]))).toBe(false)
  })
})

describe('numberOf', () => {
  it.each<[IndexValue, number | undefined]>([
    [75, 75],
    ['75', 75],
    ['-1.5e3', -1500],
    ['075', undefined],
    ['1.2.3', undefined],
    ['', undefined],
    ['Infinity', undefined],
    [true, undefined],
  ])('%j → %j', (value, expected) => {
    expect(numberOf(value)).toBe(expected)
  })
})
