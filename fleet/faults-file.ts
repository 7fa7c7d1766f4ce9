import { z } from 'zod'
import type { DeviceSpec } from './fleet-runner.ts'
import { knobOverridesSchema, type KnobsInput } from './knobs.ts'

/**
 * A faults file (`--faults <file>`, FLEETDECK_SIMULATOR_FAULTS for `npm
 * start`): knobs for some devices of the fleet being played, laid over
 * their own, so a demo or an end-to-end test can make a part of a group fail
 * to boot a version, revert from one, or download slowly:
 * `{ "devices": { "thermostat-0049": { "failingBootVersions": ["2.0.0"] } } }`.
 */
export const faultsFileSchema = z.strictObject({
  devices: z.record(z.string().min(1), knobOverridesSchema),
})

export type FaultsFile = z.output<typeof faultsFileSchema>

export class FaultsFileError extends Error {
  override readonly name = 'FaultsFileError'
}

/** Parses the file's text, naming the file and each problem's path in the error. */
export function parseFaultsFile(text: string, source: string): FaultsFile {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new FaultsFileError(
      `The faults file ${source} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  const parsed = faultsFileSchema.safeParse(json)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.length === 0 ? '(top)' : issue.path.join('.')}: ${issue.message}`,
    )
    throw new FaultsFileError(`The faults file ${source} is not valid:\n  ${problems.join('\n  ')}`)
  }
  return parsed.data
}

/**
 * Each named device gets the file's knobs over its own. A name that is not
 * in the fleet is an error rather than a silent no-op: a test that thinks it
 * injected a fault must not pass because of a typo.
 */
export function applyFaults(devices: readonly DeviceSpec[], faults: FaultsFile): DeviceSpec[] {
  const known = new Set(devices.map((device) => device.thingName))
  const unknown = Object.keys(faults.devices).filter((thingName) => !known.has(thingName))
  if (unknown.length > 0) {
    throw new FaultsFileError(
      `The faults file names things the simulator does not play: ${unknown.join(', ')}.`,
    )
  }
  return devices.map((device) => {
    const knobs: Partial<KnobsInput> | undefined = faults.devices[device.thingName]
    return knobs === undefined ? device : { ...device, knobs: { ...device.knobs, ...knobs } }
  })
}
