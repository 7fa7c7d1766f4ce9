import { describe, expect, it } from 'vitest'
import {
  fleetTotalsOf,
  modelVersionsOf,
  modelVersionsQuery,
  percentOf,
  shownModels,
} from './fleet-totals.ts'

describe('shownModels', () => {
  it('draws the largest models first, ties by name, at most the cap', () => {
    const answer = {
      totalCount: 360,
      buckets: [
        { keyValue: 'lock-v3', count: 100 },
        { keyValue: 'lamp-v2', count: 200 },
        { keyValue: 'thermostat-v1', count: 100 },
        { keyValue: 'sensor-v1', count: 10 },
      ],
    }
    expect(shownModels(answer)).toEqual(['lamp-v2', 'lock-v3', 'thermostat-v1', 'sensor-v1'])
    expect(shownModels(answer, 2)).toEqual(['lamp-v2', 'lock-v3'])
  })

  it('skips empty or missing keys and empty counts', () => {
    expect(
      shownModels({
        buckets: [
          { keyValue: '', count: 5 },
          { keyValue: undefined, count: 5 },
          { keyValue: 'ghost', count: 0 },
          { keyValue: 'lamp-v2', count: 1 },
        ],
      }),
    ).toEqual(['lamp-v2'])
    expect(shownModels({})).toEqual([])
  })
})

describe('modelVersionsQuery', () => {
  it('quotes whatever a device reported, so it stays one value', () => {
    expect(modelVersionsQuery('lamp-v2')).toBe('shadow.reported.firmware.model:"lamp-v2"')
    expect(modelVersionsQuery('a" OR thingName:*')).toBe(
      'shadow.reported.firmware.model:"a\\" OR thingName:*"',
    )
  })
})

describe('modelVersionsOf', () => {
  it('orders versions newest first and counts devices reporting none', () => {
    expect(
      modelVersionsOf('lamp-v2', {
        totalCount: 100,
        buckets: [
          { keyValue: '1.2.0', count: 30 },
          { keyValue: '2.0.0', count: 50 },
          { keyValue: '1.10.0', count: 15 },
        ],
      }),
    ).toEqual({
      model: 'lamp-v2',
      devices: 100,
      segments: [
        { version: '2.0.0', count: 50 },
        { version: '1.10.0', count: 15 },
        { version: '1.2.0', count: 30 },
      ],
      unreported: 5,
    })
  })

  it('merges the oldest versions into one segment past the cap', () => {
    const model = modelVersionsOf(
      'lock-v3',
      {
        totalCount: 15,
        buckets: ['3.0.0', '3.1.0', '3.2.0', '3.3.0', '3.4.0'].map((keyValue, index) => ({
          keyValue,
          count: index + 1,
        })),
      },
      3,
    )
    expect(model.segments).toEqual([
      { version: '3.4.0', count: 5 },
      { version: '3.3.0', count: 4 },
      { version: undefined, count: 6 },
    ])
    expect(model.devices).toBe(15)
    expect(model.unreported).toBe(0)
  })

  it('never counts fewer devices than its buckets hold', () => {
    expect(
      modelVersionsOf('x', { totalCount: 1, buckets: [{ keyValue: '1.0.0', count: 4 }] }),
    ).toMatchObject({ devices: 4, unreported: 0 })
  })
})

describe('fleetTotalsOf', () => {
  it('adds up: devices outside the drawn models are counted apart', () => {
    const lamp = modelVersionsOf('lamp-v2', {
      totalCount: 100,
      buckets: [{ keyValue: '2.0.0', count: 100 }],
    })
    const lock = modelVersionsOf('lock-v3', {
      totalCount: 50,
      buckets: [{ keyValue: '3.2.0', count: 50 }],
    })
    expect(fleetTotalsOf({ devices: 10_000, online: 9_950, models: [lamp, lock] })).toEqual({
      devices: 10_000,
      online: 9_950,
      models: [lamp, lock],
      otherDevices: 9_850,
    })
  })

  it('never shows more online devices than devices, nor negative counts', () => {
    expect(fleetTotalsOf({ devices: 10, online: 12, models: [] })).toMatchObject({
      devices: 10,
      online: 10,
      otherDevices: 10,
    })
    expect(fleetTotalsOf({ devices: -1, online: Number.NaN, models: [] })).toMatchObject({
      devices: 0,
      online: 0,
      otherDevices: 0,
    })
  })
})

describe('percentOf', () => {
  it('rounds without claiming all or none when that is not so', () => {
    expect(percentOf(9_950, 10_000)).toBe(99)
    expect(percentOf(9_999, 10_000)).toBe(99)
    expect(percentOf(10_000, 10_000)).toBe(100)
    expect(percentOf(1, 10_000)).toBe(1)
    expect(percentOf(0, 10_000)).toBe(0)
    expect(percentOf(5, 0)).toBe(0)
    expect(percentOf(50, 200)).toBe(25)
  })
})
