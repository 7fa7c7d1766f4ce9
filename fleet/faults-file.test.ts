import { describe, expect, it } from 'vitest'
import { applyFaults, FaultsFileError, parseFaultsFile } from './faults-file.ts'
import { resolveKnobs } from './knobs.ts'

const fleet = [
  { thingName: 'thermostat-0049', model: 'thermostat-v1', firmwareVersion: '1.5.0' },
  {
    thingName: 'thermostat-0060',
    model: 'thermostat-v1',
    firmwareVersion: '1.5.0',
    knobs: { rebootMs: 3_000 },
  },
]

describe('faults files', () => {
  it('lays each device’s knobs over its own and leaves the others alone', () => {
    const faults = parseFaultsFile(
      JSON.stringify({
        devices: {
          'thermostat-0049': { failingBootVersions: ['2.0.0'] },
          'thermostat-0060': { revertingVersions: ['2.0.0'], downloadBytesPerSecond: 2_000 },
        },
      }),
      'faults.json',
    )
    const [failing, reverting] = applyFaults(fleet, faults)
    expect(failing?.knobs).toEqual({ failingBootVersions: ['2.0.0'] })
    expect(reverting?.knobs).toEqual({
      rebootMs: 3_000,
      revertingVersions: ['2.0.0'],
      downloadBytesPerSecond: 2_000,
    })
    // Only what the file names overrides the fleet-wide knobs.
    expect(resolveKnobs({ rebootMs: 500, jitter: 0 }, failing?.knobs)).toMatchObject({
      rebootMs: 500,
      jitter: 0,
      failingBootVersions: ['2.0.0'],
    })
  })

  it('refuses thing names the fleet does not have, naming them', () => {
    const faults = parseFaultsFile(
      '{"devices":{"thermostat-9999":{"failingBootVersions":["2.0.0"]}}}',
      'f.json',
    )
    expect(() => applyFaults(fleet, faults)).toThrow(
      new FaultsFileError(
        'The faults file names things the simulator does not play: thermostat-9999.',
      ),
    )
  })

  it('refuses unknown knobs, bad values and anything but JSON, with the path', () => {
    expect(() => parseFaultsFile('{"devices":{"a":{"bootFailRate":1}}}', 'f.json')).toThrow(
      /f\.json is not valid:\n {2}devices\.a: Unrecognized key: "bootFailRate"/,
    )
    expect(() => parseFaultsFile('{"devices":{"a":{"revertDelayMs":-1}}}', 'f.json')).toThrow(
      /devices\.a\.revertDelayMs/,
    )
    expect(() => parseFaultsFile('{"devices":{},"extra":1}', 'f.json')).toThrow(/\(top\)/)
    expect(() => parseFaultsFile('devices:', 'f.json')).toThrow(/f\.json is not JSON/)
  })
})
