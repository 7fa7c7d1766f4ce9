import { z } from 'zod'

/**
 * Realism knobs (issue 7, item 2). Fleet-wide values from flags or the
 * `knobs` of a fleet file, overridden per device by the file's `devices[].knobs`.
 * Durations are in real milliseconds of the simulator's clock; rates are
 * probabilities from 0 to 1 drawn from the seeded random source.
 */
const rate = z.number().min(0).max(1)
const durationMs = z.number().min(0)
const version = z.string().min(1)

export const knobsSchema = z.strictObject({
  /** Simulated download speed; 0 downloads at once. */
  downloadBytesPerSecond: z.number().min(0).default(0),
  rebootMs: durationMs.default(1_000),
  /** ± fraction applied to every delay (0.2: ±20 %). */
  jitter: z.number().min(0).max(1).default(0.2),
  /** How many progress reports a download makes before the last one. */
  progressReports: z.number().int().min(0).max(9).default(1),
  downloadFailureRate: rate.default(0),
  checksumFailureRate: rate.default(0),
  bootFailureRate: rate.default(0),
  /** Fraction of devices that never connect. */
  offlineRate: rate.default(0),
  /** Mean time between dropped connections for a connected device; 0 never drops. */
  flapIntervalMs: durationMs.default(0),
  /** How long a dropped connection stays down before the device reconnects. */
  reconnectDelayMs: durationMs.default(2_000),
  /** Delay before the first connection, spread with jitter, so a fleet does not connect at once. */
  connectDelayMs: durationMs.default(0),
  /**
   * Versions this device cannot boot (a bad build for its hardware):
   * installing one falls back to the previous image and reports FAILED
   * `boot-failed-rolled-back`; other versions, the previous one included,
   * install as usual.
   */
  failingBootVersions: z.array(version).default([]),
  /**
   * Versions that boot and report SUCCEEDED, then reset the device
   * `revertDelayMs` later (a watchdog): it falls back to the previous image
   * and reports that in its shadow while the execution stays SUCCEEDED.
   */
  revertingVersions: z.array(version).default([]),
  revertDelayMs: durationMs.default(1_500),
})

export type Knobs = z.output<typeof knobsSchema>
export type KnobsInput = z.input<typeof knobsSchema>

/**
 * Some knobs, checked but not filled in: a fleet file's, a faults file's or
 * one device's overrides name only what they change. (`knobsSchema.partial()`
 * would fill in every default, and so undo the fleet-wide values.)
 */
export const knobOverridesSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(knobsSchema.shape).map(([key, field]) => [key, field.unwrap().optional()]),
  ),
) as unknown as z.ZodType<Partial<Knobs>>

export const DEFAULT_KNOBS: Knobs = knobsSchema.parse({})

/** Later layers win; a key set to `undefined` (a flag not given) leaves the earlier value. */
export function resolveKnobs(...layers: readonly (Partial<KnobsInput> | undefined)[]): Knobs {
  const merged: Record<string, unknown> = {}
  for (const layer of layers)
    for (const [key, value] of Object.entries(layer ?? {}))
      if (value !== undefined) merged[key] = value
  return knobsSchema.parse(merged)
}
