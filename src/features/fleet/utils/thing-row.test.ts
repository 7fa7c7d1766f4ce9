import { describe, expect, it } from 'vitest'
import { thingRowOf } from './thing-row.ts'

describe('thingRowOf', () => {
  it('reads registry data, the reported version and connectivity', () => {
    expect(
      thingRowOf({
        thingName: 'sensor-1',
        thingTypeName: 'sensor-v2',
        thingGroupNames: ['lab', 'lab-a'],
        attributes: { model: 'ignored', site: 'north' },
        shadow: JSON.stringify({ reported: { firmware: { version: '1.4.0', model: 'x' } } }),
        connectivity: { connected: true, timestamp: 1_700_000_000_000 },
      }),
    ).toEqual({
      thingName: 'sensor-1',
      thingTypeName: 'sensor-v2',
      model: 'sensor-v2',
      firmwareVersion: '1.4.0',
      connectivity: { connected: true, since: new Date(1_700_000_000_000) },
      thingGroupNames: ['lab', 'lab-a'],
      attributes: { model: 'ignored', site: 'north' },
    })
  })

  it('falls back to the model attribute, then the reported model', () => {
    expect(thingRowOf({ thingName: 'a', attributes: { model: 'm1' } }).model).toBe('m1')
    expect(
      thingRowOf({
        thingName: 'a',
        shadow: JSON.stringify({ reported: { firmware: { model: 'm2' } } }),
      }).model,
    ).toBe('m2')
    expect(thingRowOf({ thingName: 'a' }).model).toBeUndefined()
  })

  it('keeps the disconnect reason of a disconnected thing and drops a zero timestamp', () => {
    expect(
      thingRowOf({
        thingName: 'a',
        connectivity: { connected: false, timestamp: 0, disconnectReason: 'CONNECTION_LOST' },
      }).connectivity,
    ).toEqual({ connected: false, disconnectReason: 'CONNECTION_LOST' })
  })

  it('has no connectivity when the index does not hold it, and survives a broken shadow', () => {
    const row = thingRowOf({ thingName: 'a', shadow: 'not json' })
    expect(row.connectivity).toBeUndefined()
    expect(row.firmwareVersion).toBeUndefined()
    expect(row.thingGroupNames).toEqual([])
  })
})
