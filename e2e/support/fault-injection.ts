import { CANARY_COUNT, demoDevices } from '../../fleet/demo/demo-catalog.ts'
import type { FaultsFile } from '../../fleet/faults-file.ts'

/**
 * The devices the job-monitoring specs roll out to, and the faults the
 * simulator injects into them (start-e2e-stack.ts writes SIMULATOR_FAULTS
 * to a file and names it in FLEETDECK_SIMULATOR_FAULTS; docs/simulator.md,
 * "Fault injection").
 *
 * Ten thermostats of the demo fleet (seed 1, fleet/demo/demo-catalog.ts)
 * that all start on 1.5.0: none is in canary-thermostat-v1 (the first five
 * thermostats, which jobs.spec.ts upgrades) nor in site-lyon (which
 * jobs.spec.ts targets with a lamp job), and no other spec names them.
 * Installing BAD_VERSION, four fail to boot it (FAILED
 * boot-failed-rolled-back, back on 1.5.0) and one reports SUCCEEDED, then
 * reverts to 1.5.0 REVERT_DELAY_MS later (its shadow says 1.5.0, the
 * execution stays SUCCEEDED); any other version, 1.5.0 included, installs
 * fine, so a rollback succeeds everywhere.
 */
export const MONITORING_MODEL = 'thermostat-v1'
export const MONITORING_START_VERSION = '1.5.0'
export const BAD_VERSION = '2.0.0'

export const MONITORING_DEVICES = [
  'thermostat-0046',
  'thermostat-0048',
  'thermostat-0049',
  'thermostat-0051',
  'thermostat-0053',
  'thermostat-0054',
  'thermostat-0056',
  'thermostat-0058',
  'thermostat-0059',
  'thermostat-0060',
] as const

export const BOOT_FAILING_DEVICES = [
  'thermostat-0048',
  'thermostat-0053',
  'thermostat-0056',
  'thermostat-0059',
] as const

export const REVERTING_DEVICES = ['thermostat-0051'] as const

/** The five that take BAD_VERSION and keep it. */
export const HEALTHY_DEVICES = MONITORING_DEVICES.filter(
  (thingName) =>
    !(BOOT_FAILING_DEVICES as readonly string[]).includes(thingName) &&
    !(REVERTING_DEVICES as readonly string[]).includes(thingName),
)

export const REVERT_DELAY_MS = 1_500

/**
 * The demo fleet downloads at once and reboots in about a second, so a job
 * of ten would be over before a chart could move. These devices download at
 * 1.5 to 2.4 kB/s instead (BAD_VERSION's 7 KiB image takes 3 to 5 s, with
 * four progress reports) and reboot in 1.5 s: each job stays IN_PROGRESS
 * for about 5 s and completes in well under 10 s.
 */
const SLOW_DOWNLOAD_BYTES_PER_SECOND = [
  1_500, 1_600, 1_700, 1_800, 1_900, 2_000, 2_100, 2_200, 2_300, 2_400,
]

export const SIMULATOR_FAULTS: FaultsFile = {
  devices: Object.fromEntries(
    MONITORING_DEVICES.map((thingName, index) => [
      thingName,
      {
        downloadBytesPerSecond: SLOW_DOWNLOAD_BYTES_PER_SECOND[index] ?? 2_000,
        progressReports: 4,
        rebootMs: 1_500,
        ...((BOOT_FAILING_DEVICES as readonly string[]).includes(thingName)
          ? { failingBootVersions: [BAD_VERSION] }
          : {}),
        ...((REVERTING_DEVICES as readonly string[]).includes(thingName)
          ? { revertingVersions: [BAD_VERSION], revertDelayMs: REVERT_DELAY_MS }
          : {}),
      },
    ]),
  ),
}

/**
 * The names above were read off the demo catalog; if the catalog (its seed,
 * models or starting versions) changes, the stack refuses to start rather
 * than let the specs fail in confusing ways.
 */
export function assertMonitoringDevicesMatchDemoFleet(): void {
  const devices = new Map(demoDevices(1).map((device) => [device.thingName, device]))
  const problems = MONITORING_DEVICES.flatMap((thingName) => {
    const device = devices.get(thingName)
    if (device === undefined) return [`${thingName} is not in the demo fleet`]
    const found: string[] = []
    if (device.model !== MONITORING_MODEL) found.push(`${thingName} is a ${device.model}`)
    if (device.firmwareVersion !== MONITORING_START_VERSION)
      found.push(`${thingName} starts on ${device.firmwareVersion}`)
    if (device.isCanary || Number(thingName.slice(-4)) <= CANARY_COUNT)
      found.push(`${thingName} is a canary`)
    if (device.site === 'lyon') found.push(`${thingName} is in site-lyon`)
    return found
  })
  if (problems.length > 0)
    throw new Error(
      `e2e/support/fault-injection.ts no longer matches the demo fleet: ${problems.join('; ')}.`,
    )
}
