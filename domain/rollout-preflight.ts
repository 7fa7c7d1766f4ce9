import { classifyFirmwareChange } from './firmware-version.ts'

/**
 * What a firmware job would do to its target, before it is created: how many
 * devices would be upgraded, downgraded, are already current, or are unknown
 * (no reported version, a text that is not a version, or another model: the
 * device refuses firmware for another model, PRODUCT.md "Device semantics").
 * Counts come either from one terms aggregation over the reported version
 * (a group or a query: the call count does not grow with the fleet) or from
 * the devices themselves (a list of things). Pure: the dashboard fetches, this
 * classifies, and the rules for proceeding live here too so the wizard and
 * any later rollback share them.
 */
export const PREFLIGHT_CLASSES = ['upgrade', 'downgrade', 'current', 'unknown'] as const
export type PreflightClass = (typeof PREFLIGHT_CLASSES)[number]

export interface PreflightTarget {
  readonly model: string
  readonly version: string
}

export interface PreflightCounts {
  readonly total: number
  readonly counts: Readonly<Record<PreflightClass, number>>
  /** Per class, the reported versions seen and how many devices run each, largest first. */
  readonly versions: Readonly<Record<PreflightClass, readonly VersionCount[]>>
  /**
   * The version aggregation came back full (as many buckets as asked for):
   * versions beyond the page are counted unknown, and some of them may be
   * newer than the target, so the counts cannot rule out downgrades.
   */
  readonly truncated: boolean
}

export interface VersionCount {
  readonly version: string
  readonly count: number
}

export interface PreflightDevice {
  readonly thingName: string
  /** The reported firmware version, whatever the device sent. */
  readonly version: unknown
  readonly model: unknown
}

export interface Preflight extends PreflightCounts {
  /** A few thing names per class, for the operator to recognise. */
  readonly examples: Readonly<Record<PreflightClass, readonly string[]>>
}

const emptyRecord = <T>(value: () => T): Record<PreflightClass, T> => ({
  upgrade: value(),
  downgrade: value(),
  current: value(),
  unknown: value(),
})

/** The class of one device's reported firmware against the target release. */
export function classifyDevice(
  device: { readonly version: unknown; readonly model: unknown },
  target: PreflightTarget,
): PreflightClass {
  if (device.model !== target.model) return 'unknown'
  return classifyFirmwareChange(device.version, target.version).kind
}

/**
 * Counts from a terms aggregation of the reported version over the target's
 * devices of the target model, and the target's total device count. Devices
 * outside the buckets (other models, no version) are unknown, as are buckets
 * whose key is not a version.
 */
export function preflightFromBuckets(
  buckets: readonly { readonly keyValue: string; readonly count: number }[],
  total: number,
  target: PreflightTarget,
  { maxBuckets }: { readonly maxBuckets?: number } = {},
): PreflightCounts {
  const counts = emptyRecord(() => 0)
  const versions = emptyRecord<VersionCount[]>(() => [])
  let bucketed = 0
  for (const { keyValue, count } of buckets) {
    const kind = classifyFirmwareChange(keyValue, target.version).kind
    counts[kind] += count
    versions[kind].push({ version: keyValue, count })
    bucketed += count
  }
  // Buckets count only devices that report a version of the target model;
  // the total counts every device, so the difference is unknown. A fleet
  // index that answered the two calls from different moments may make the
  // difference negative: never show fewer than zero.
  counts.unknown += Math.max(0, total - bucketed)
  for (const list of Object.values(versions)) list.sort((a, b) => b.count - a.count)
  // A terms aggregation returns the largest buckets first and drops the
  // rest once maxBuckets is reached; a full page means some may be missing.
  // https://docs.aws.amazon.com/iot/latest/apireference/API_GetBucketsAggregation.html
  const truncated = maxBuckets !== undefined && buckets.length >= maxBuckets
  return { total: Math.max(total, bucketed), counts, versions, truncated }
}

/** Counts and examples from each device of an explicit list. */
export function preflightFromDevices(
  devices: readonly PreflightDevice[],
  target: PreflightTarget,
  { examplesPerClass = 5 }: { readonly examplesPerClass?: number } = {},
): Preflight {
  const counts = emptyRecord(() => 0)
  const byVersion = emptyRecord(() => new Map<string, number>())
  const examples = emptyRecord<string[]>(() => [])
  for (const device of devices) {
    const kind = classifyDevice(device, target)
    counts[kind] += 1
    const version = typeof device.version === 'string' ? device.version : ''
    byVersion[kind].set(version, (byVersion[kind].get(version) ?? 0) + 1)
    if (examples[kind].length < examplesPerClass) examples[kind].push(device.thingName)
  }
  const versions = emptyRecord<VersionCount[]>(() => [])
  for (const kind of PREFLIGHT_CLASSES) {
    versions[kind] = [...byVersion[kind]]
      .map(([version, count]) => ({ version, count }))
      .sort((a, b) => b.count - a.count)
  }
  return { total: devices.length, counts, versions, examples, truncated: false }
}

export interface ProceedRules {
  readonly forced: boolean
  /**
   * The operator knowingly sends a non-forced job to a target where some
   * devices run a newer version: those devices will REJECT it (an upgrade of
   * a mixed group is the usual case).
   */
  readonly acceptRejections?: boolean
  /** Jobs over this many devices need a typed confirmation. */
  readonly confirmationThreshold: number
}

export type ProceedDecision =
  | { readonly kind: 'blocked'; readonly reason: string }
  | { readonly kind: 'confirm'; readonly reasons: readonly string[] }
  | { readonly kind: 'allowed' }

/**
 * Whether the operator may create the job. A downgrade without `forced` is
 * refused by every device that receives it (REJECTED, never retried), so the
 * wizard insists on the flag or on the operator accepting those rejections. A forced downgrade, or a job reaching more
 * devices than the threshold, needs the target's name typed to confirm.
 */
export function proceedDecision(preflight: PreflightCounts, rules: ProceedRules): ProceedDecision {
  const downgrades = preflight.counts.downgrade
  if (downgrades > 0 && !rules.forced && rules.acceptRejections !== true) {
    return {
      kind: 'blocked',
      reason: `${downgrades} ${downgrades === 1 ? 'device runs' : 'devices run'} a newer version than the target. Devices REJECT a downgrade that is not forced: tick "Force downgrade" to downgrade them, accept that they will reject this job, or choose another version or target.`,
    }
  }
  if (preflight.truncated && !rules.forced && rules.acceptRejections !== true) {
    return {
      kind: 'blocked',
      reason: `The fleet index returned a full page of versions, so devices on further versions are counted unknown and some may run a newer version than the target. Devices REJECT a downgrade that is not forced: tick "Force downgrade", accept that such devices will reject this job, or narrow the target.`,
    }
  }
  const reasons: string[] = []
  if (preflight.truncated) {
    reasons.push(
      'The preflight is incomplete: the fleet index returned a full page of versions, so some devices are counted unknown.',
    )
  }
  if (downgrades > 0 && rules.forced) {
    reasons.push(
      `This forced job downgrades ${downgrades} ${downgrades === 1 ? 'device' : 'devices'}.`,
    )
  }
  if (preflight.total > rules.confirmationThreshold) {
    reasons.push(`It targets ${preflight.total} devices, more than ${rules.confirmationThreshold}.`)
  }
  return reasons.length > 0 ? { kind: 'confirm', reasons } : { kind: 'allowed' }
}
