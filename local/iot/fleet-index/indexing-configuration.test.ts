import { describe, expect, it } from 'vitest'
import { DEMO_INDEXING_CONFIGURATION } from '../../seed/demo-seed.ts'
import {
  aggregationFieldType,
  DEFAULT_INDEXING_CONFIGURATION,
  describeIndexingConfiguration,
  readIndexingConfiguration,
} from './indexing-configuration.ts'

const read = (thingIndexingConfiguration: object, current = DEFAULT_INDEXING_CONFIGURATION) =>
  readIndexingConfiguration({ thingIndexingConfiguration }, current)

describe('readIndexingConfiguration', () => {
  it('reads the demo configuration', () => {
    expect(
      read({
        thingIndexingMode: 'REGISTRY_AND_SHADOW',
        thingConnectivityIndexingMode: 'STATUS',
        namedShadowIndexingMode: 'ON',
        filter: { namedShadowNames: ['$package'] },
        customFields: [{ name: 'shadow.name.$package.reported.firmware.version', type: 'String' }],
      }),
    ).toEqual({
      ...DEFAULT_INDEXING_CONFIGURATION,
      thingIndexingMode: 'REGISTRY_AND_SHADOW',
      thingConnectivityIndexingMode: 'STATUS',
      namedShadowIndexingMode: 'ON',
      namedShadowNames: ['$package'],
      customFields: [{ name: 'shadow.name.$package.reported.firmware.version', type: 'String' }],
    })
  })

  it('accepts the demo seed’s configuration as UpdateIndexingConfiguration would', () => {
    const { namedShadowNames, ...rest } = DEMO_INDEXING_CONFIGURATION
    expect(read({ ...rest, filter: { namedShadowNames } })).toEqual(DEMO_INDEXING_CONFIGURATION)
  })

  it('keeps the part a request leaves out', () => {
    const current = read({ thingIndexingMode: 'REGISTRY' })
    expect(
      readIndexingConfiguration(
        { thingGroupIndexingConfiguration: { thingGroupIndexingMode: 'ON' } },
        current,
      ),
    ).toMatchObject({ thingIndexingMode: 'REGISTRY', thingGroupIndexingMode: 'ON' })
  })

  it.each([
    ['no thingIndexingMode', {}, /thingIndexingMode is required/],
    ['an unknown mode', { thingIndexingMode: 'ALL' }, /must be one of OFF, REGISTRY/],
    [
      'connectivity without the thing index',
      { thingIndexingMode: 'OFF', thingConnectivityIndexingMode: 'STATUS' },
      /set thingIndexingMode/,
    ],
    [
      'a classic shadow custom field in REGISTRY mode',
      {
        thingIndexingMode: 'REGISTRY',
        customFields: [{ name: 'shadow.reported.fw', type: 'String' }],
      },
      /does not index shadows/,
    ],
    [
      'a named shadow custom field the filter leaves out',
      {
        thingIndexingMode: 'REGISTRY_AND_SHADOW',
        namedShadowIndexingMode: 'ON',
        filter: { namedShadowNames: ['config'] },
        customFields: [{ name: 'shadow.name.$package.reported.fw', type: 'String' }],
      },
      /does not index/,
    ],
    [
      'a managed field as a custom field',
      {
        thingIndexingMode: 'REGISTRY_AND_SHADOW',
        customFields: [{ name: 'shadow.version', type: 'Number' }],
      },
      /managed field/,
    ],
    [
      'a registry field as a custom field',
      { thingIndexingMode: 'REGISTRY', customFields: [{ name: 'thingName', type: 'String' }] },
      /must name a thing attribute/,
    ],
    [
      'a custom field of no known type',
      { thingIndexingMode: 'REGISTRY', customFields: [{ name: 'attributes.a', type: 'Date' }] },
      /Number, String or Boolean/,
    ],
    [
      'a bad shadow name',
      {
        thingIndexingMode: 'REGISTRY',
        namedShadowIndexingMode: 'ON',
        filter: { namedShadowNames: ['$x'] },
      },
      /not a shadow name/,
    ],
    [
      'eleven named shadows',
      {
        thingIndexingMode: 'REGISTRY',
        namedShadowIndexingMode: 'ON',
        filter: { namedShadowNames: Array.from({ length: 11 }, (_, i) => `s${i}`) },
      },
      /at most 10/,
    ],
  ])('refuses %s', (_, input, message) => {
    expect(() => read(input)).toThrow(message)
  })

  it.each([
    [
      'Device Defender violations',
      { thingIndexingMode: 'REGISTRY', deviceDefenderIndexingMode: 'VIOLATIONS' },
    ],
    [
      'geolocations',
      {
        thingIndexingMode: 'REGISTRY',
        filter: { geoLocations: [{ name: 'shadow.reported.loc' }] },
      },
    ],
  ])('does not implement %s', (_, input) => {
    expect(() => read(input)).toThrow(expect.objectContaining({ type: 'NotImplementedException' }))
  })
})

describe('aggregationFieldType', () => {
  const config = read({
    thingIndexingMode: 'REGISTRY_AND_SHADOW',
    thingConnectivityIndexingMode: 'STATUS',
    namedShadowIndexingMode: 'ON',
    filter: { namedShadowNames: ['$package'] },
    customFields: [{ name: 'attributes.temp', type: 'Number' }],
  })

  it.each([
    ['thingName', 'String'],
    ['thingGroupNames', 'String'],
    ['registry.thingGroupNames', 'String'],
    ['registry.version', 'Number'],
    ['shadow.hasDelta', 'Boolean'],
    ['shadow.name.$package.version', 'Number'],
    ['connectivity.connected', 'Boolean'],
    ['connectivity.disconnectReason', 'String'],
    ['attributes.temp', 'Number'],
    ['attributes.other', undefined],
    ['shadow.reported.firmware', undefined],
    ['bogus', undefined],
  ])('%s is %s', (name, type) => {
    expect(aggregationFieldType(config, name)).toBe(type)
  })

  it('knows no connectivity fields while connectivity is not indexed', () => {
    expect(
      aggregationFieldType(read({ thingIndexingMode: 'REGISTRY' }), 'connectivity.connected'),
    ).toBeUndefined()
  })
})

describe('describeIndexingConfiguration', () => {
  it('lists the managed fields of what is indexed', () => {
    const described = describeIndexingConfiguration(read({ thingIndexingMode: 'REGISTRY' }))
    expect(described.thingIndexingConfiguration.managedFields.map((field) => field.name)).toEqual([
      'thingId',
      'thingName',
      'registry.version',
      'registry.thingTypeName',
      'registry.thingGroupNames',
    ])
    expect(described.thingGroupIndexingConfiguration).toEqual({
      thingGroupIndexingMode: 'OFF',
      customFields: [],
    })
  })
})
