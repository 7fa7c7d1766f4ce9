import type { DeviceConfiguration } from '../device-machine.ts'
import type { DeviceSpec } from '../fleet-runner.ts'
import { createRandom } from '../random.ts'

/**
 * The demo fleet as data: three models (AWS IoT thing types), their firmware
 * releases and configurations, about 200 devices spread over four sites, and
 * the thing groups an operator rolls out to. Everything here is a pure
 * function of the seed, so two runs (and two machines) describe the same
 * fleet; fleet/demo/ensure-demo-fleet.ts creates it over the wire.
 */
export interface FirmwareRelease {
  readonly version: string
  readonly notes: string
  /** Image size in bytes: small, so the demo uploads in a moment. */
  readonly size: number
}

export interface DemoConfiguration {
  readonly name: string
  readonly notes: string
  readonly configuration: DeviceConfiguration
}

export interface DemoModel {
  readonly model: string
  readonly description: string
  /** Thing names are `<prefix>-0001` …. */
  readonly prefix: string
  readonly count: number
  /** Oldest first. Devices start on one of `startingVersions`; the newer ones are there to roll out. */
  readonly releases: readonly FirmwareRelease[]
  readonly startingVersions: readonly string[]
  /** The first device's configuration is `configurations[0]`, the one every device starts with. */
  readonly configurations: readonly DemoConfiguration[]
}

export const DEMO_MODELS: readonly DemoModel[] = [
  {
    model: 'lamp-v2',
    description: 'Smart lamp, second hardware revision',
    prefix: 'lamp',
    count: 100,
    releases: [
      { version: '1.0.0', notes: 'First release.', size: 4096 },
      { version: '1.1.0', notes: 'Smoother dimming curve.', size: 4352 },
      { version: '1.2.0', notes: 'Scheduled scenes.', size: 4608 },
      { version: '2.0.0', notes: 'New colour engine; needs 1.1.0 or later.', size: 6144 },
    ],
    startingVersions: ['1.0.0', '1.1.0', '1.1.0', '1.2.0'],
    configurations: [
      {
        name: 'default',
        notes: 'Factory settings.',
        configuration: { brightness: 80, colorTemperatureK: 2700, scenes: [] },
      },
      {
        name: 'night-mode',
        notes: 'Dim and warm after 22:00.',
        configuration: { brightness: 25, colorTemperatureK: 2200, scenes: ['night'] },
      },
    ],
  },
  {
    model: 'thermostat-v1',
    description: 'Wall thermostat',
    prefix: 'thermostat',
    count: 60,
    releases: [
      { version: '1.4.0', notes: 'Baseline.', size: 5120 },
      { version: '1.5.0', notes: 'Faster sensor polling.', size: 5376 },
      { version: '2.0.0', notes: 'Learning schedule.', size: 7168 },
    ],
    startingVersions: ['1.4.0', '1.5.0', '1.5.0'],
    configurations: [
      {
        name: 'default',
        notes: 'Comfort settings.',
        configuration: { setpointC: 21, hysteresisC: 0.5, mode: 'comfort' },
      },
      {
        name: 'eco',
        notes: 'Lower setpoint, wider hysteresis.',
        configuration: { setpointC: 19, hysteresisC: 1, mode: 'eco' },
      },
    ],
  },
  {
    model: 'lock-v3',
    description: 'Door lock, third hardware revision',
    prefix: 'lock',
    count: 40,
    releases: [
      { version: '3.0.0', notes: 'Baseline.', size: 3072 },
      { version: '3.1.0', notes: 'Battery saving.', size: 3328 },
      { version: '3.2.0', notes: 'Auto-lock after a delay.', size: 3584 },
    ],
    startingVersions: ['3.0.0', '3.1.0', '3.1.0'],
    configurations: [
      {
        name: 'default',
        notes: 'Auto-lock off.',
        configuration: { autoLockSeconds: 0, keypad: true },
      },
    ],
  },
]

export const DEMO_SITES = ['berlin', 'lyon', 'austin', 'osaka'] as const

/** The first few devices of each model form its canary subgroup. */
export const CANARY_COUNT = 5

export const modelGroupName = (model: string) => `model-${model}`
export const siteGroupName = (site: string) => `site-${site}`
export const canaryGroupName = (model: string) => `canary-${model}`

/**
 * A dynamic thing group by running firmware: the classic shadow's
 * `firmware.version` the simulator reports (docs/simulator.md, "Shadows").
 * AWS requires fleet indexing with the shadow to be on for it.
 */
export const DYNAMIC_FIRMWARE_GROUP = {
  thingGroupName: 'firmware-1x',
  queryString: 'shadow.reported.firmware.version:1.*',
  description: 'Devices running a 1.x firmware (from the reported shadow).',
} as const

/**
 * When the demo published a model's `index`-th release (oldest first): fixed
 * dates two months apart, so the catalog reads the same on every machine.
 */
export const demoReleaseUploadedAt = (index: number): string =>
  new Date(Date.UTC(2025, index * 2, 1, 9)).toISOString()

/** Who the catalog says uploaded the demo releases. */
export const DEMO_UPLOADER = 'fleetdeck demo'

/**
 * S3 layouts: the firmware catalog's in the firmware bucket (the image and
 * its manifest under `<model>/<version>/`, keys from domain/firmware-manifest.ts),
 * `<model>/<name>.json` in the config bucket.
 */
export const configurationKey = (model: string, name: string) => `${model}/${name}.json`

export interface DemoDevice extends DeviceSpec {
  readonly site: string
  readonly isCanary: boolean
}

/** The devices, with the version each one starts on drawn from the seed (forked per thing, so it never shifts). */
export function demoDevices(seed = 1): DemoDevice[] {
  const random = createRandom(seed)
  return DEMO_MODELS.flatMap((model) =>
    Array.from({ length: model.count }, (_, index) => {
      const thingName = `${model.prefix}-${String(index + 1).padStart(4, '0')}`
      const draw = random.fork(thingName)
      const pick = <T>(items: readonly T[]) => items[Math.floor(draw.next() * items.length)] as T
      return {
        thingName,
        model: model.model,
        firmwareVersion: pick(model.startingVersions),
        site: pick(DEMO_SITES),
        isCanary: index < CANARY_COUNT,
        configuration: model.configurations[0]?.configuration ?? {},
      }
    }),
  )
}
