import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import type { AccountScope } from '@domain/arn.ts'
import { compareFirmwareVersions, parseFirmwareVersion } from '@domain/firmware-version.ts'
import { JOB_ID_RULE } from '@domain/identifiers.ts'
import { DEFAULT_PRESIGNED_URL_EXPIRY_SECONDS } from '@domain/job-config/presigned-url.ts'
import { presignerRoleArn, type ReleaseForDocument } from './firmware-job-form.ts'
import { originTags, ROLLBACK_OF_TAG_KEY } from './retry-options.ts'
import type { TargetThing } from './things-target.ts'

/**
 * One-click rollback, planned without I/O. The bad job touched a device when
 * its execution is SUCCEEDED, IN_PROGRESS, FAILED or TIMED_OUT. Each device
 * says in its execution's statusDetails which version it ran before
 * (`previousVersion`, docs/simulator.md: kept from the install step on, in
 * SUCCEEDED and boot-failed FAILED reports). A device goes back to that
 * version unless there is nothing to undo: it never installed (no
 * previousVersion: it failed while downloading or verifying), the job's
 * version was already its version, or its execution has ended and the fleet
 * index says it runs its previous version (a boot failure fell back by
 * itself). The rest are
 * grouped by previous version: one forced install job per version, whose
 * release comes from the firmware catalog. Job ids are derived from the bad
 * job and the version, so the same rollback asked twice names the same job.
 */
export interface TouchedDevice extends TargetThing {
  readonly status: string
  /** statusDetails.previousVersion, as the device reported it. */
  readonly previousVersion: string | undefined
  /** The version the fleet index says the device reports now, if known. */
  readonly reportedVersion: string | undefined
}

export const TOUCHED_STATUSES = ['SUCCEEDED', 'IN_PROGRESS', 'FAILED', 'TIMED_OUT'] as const

export type NothingToRollBackReason =
  'never-installed' | 'already-previous' | 'unchanged' | 'invalid-previous'

export interface NothingToRollBack {
  readonly thingName: string
  readonly reason: NothingToRollBackReason
  readonly previousVersion?: string
  readonly reportedVersion?: string
}

export interface PlannedRollbackJob {
  readonly jobId: string
  readonly release: ReleaseForDocument
  readonly things: readonly TargetThing[]
}

export interface MissingRelease {
  readonly version: string
  readonly thingNames: readonly string[]
}

export interface RollbackPlan {
  readonly jobs: readonly PlannedRollbackJob[]
  readonly nothingToRollBack: readonly NothingToRollBack[]
  /** Previous versions the catalog has no release for: those devices cannot be rolled back. */
  readonly missingReleases: readonly MissingRelease[]
}

export interface RollbackPlanInput {
  readonly badJobId: string
  readonly model: string
  /** The version the bad job installed. */
  readonly badVersion: string
  readonly devices: readonly TouchedDevice[]
  /** The firmware catalog (any model; only `model`'s releases are used). */
  readonly releases: readonly ReleaseForDocument[]
}

export const NOTHING_TO_ROLL_BACK_TEXT: Readonly<Record<NothingToRollBackReason, string>> = {
  'never-installed': 'never installed it (it failed before installing, e.g. downloading)',
  'already-previous': 'already runs its previous version again',
  unchanged: "already ran the job's version before the job",
  'invalid-previous': 'reported a previous version that is not a firmware version',
}

const ROLLBACK_INFIX = '-rollback-'
const HASH_LENGTH = 8
const MAX_VERSION_IN_ID = 20

/**
 * `<bad job id>-rollback-<version>-<devices>`: the dots of the version written
 * as underscores (job ids allow letters, digits, - and _; a semantic version
 * never holds an underscore, so different versions give different ids), and
 * 8 hex digits of a hash of the devices. The same rollback asked twice (a
 * double click, a reload) gets the same id and creates nothing new; devices
 * that finish the bad job after a first rollback make a different set, so a
 * second rollback can still reach them. When that does not fit 64 characters
 * or the version holds other characters, the id is shortened and ends with a
 * hash of everything, so it stays unique and the same for the same inputs.
 */
export function rollbackJobId(
  badJobId: string,
  version: string,
  thingNames: readonly string[],
): string {
  const readable = version.replaceAll('.', '_')
  const allowed = (character: string) => JOB_ID_RULE.allowedCharacter.test(character)
  const devices = shortHash([...thingNames].sort().join('\n'))
  const plain = `${badJobId}${ROLLBACK_INFIX}${readable}-${devices}`
  if ([...readable].every(allowed) && plain.length <= JOB_ID_RULE.maxLength) return plain
  const hash = shortHash(`${badJobId}\n${version}\n${devices}`)
  const safeVersion = [...readable]
    .map((character) => (allowed(character) ? character : '-'))
    .join('')
    .slice(0, MAX_VERSION_IN_ID)
  const suffix = `${ROLLBACK_INFIX}${safeVersion}-${hash}`
  return `${badJobId.slice(0, JOB_ID_RULE.maxLength - suffix.length)}${suffix}`
}

const shortHash = (text: string) => bytesToHex(sha256(utf8ToBytes(text))).slice(0, HASH_LENGTH)

function nothingToRollBack(
  device: TouchedDevice,
  badVersion: string,
): NothingToRollBackReason | undefined {
  const previous = device.previousVersion
  if (previous === undefined || previous === '') return 'never-installed'
  if (!parseFirmwareVersion(previous).ok) return 'invalid-previous'
  if (compareFirmwareVersions(previous, badVersion) === 0) return 'unchanged'
  // A device still IN_PROGRESS may be rebooting into the job's version while
  // its shadow still shows the old one: only a finished execution's report
  // says where the device ended up.
  if (
    device.status !== 'IN_PROGRESS' &&
    device.reportedVersion !== undefined &&
    device.reportedVersion === previous
  )
    return 'already-previous'
  return undefined
}

export function planRollback(input: RollbackPlanInput): RollbackPlan {
  const byVersion = new Map<string, TargetThing[]>()
  const skipped: NothingToRollBack[] = []
  const seen = new Set<string>()
  for (const device of input.devices) {
    if (seen.has(device.thingName)) continue
    seen.add(device.thingName)
    const reason = nothingToRollBack(device, input.badVersion)
    if (reason !== undefined) {
      skipped.push({
        thingName: device.thingName,
        reason,
        ...(device.previousVersion === undefined
          ? {}
          : { previousVersion: device.previousVersion }),
        ...(device.reportedVersion === undefined
          ? {}
          : { reportedVersion: device.reportedVersion }),
      })
      continue
    }
    const version = device.previousVersion ?? ''
    const things = byVersion.get(version) ?? []
    things.push({ thingName: device.thingName, thingArn: device.thingArn })
    byVersion.set(version, things)
  }
  const releases = new Map(
    input.releases
      .filter((release) => release.model === input.model)
      .map((release) => [release.version, release]),
  )
  const jobs: PlannedRollbackJob[] = []
  const missingReleases: MissingRelease[] = []
  const versions = [...byVersion.keys()].sort((a, b) => compareFirmwareVersions(b, a))
  for (const version of versions) {
    const things = (byVersion.get(version) ?? []).sort((a, b) =>
      a.thingName.localeCompare(b.thingName),
    )
    const release = releases.get(version)
    if (release === undefined) {
      missingReleases.push({ version, thingNames: things.map((thing) => thing.thingName) })
    } else {
      jobs.push({
        jobId: rollbackJobId(
          input.badJobId,
          version,
          things.map((thing) => thing.thingName),
        ),
        release,
        things,
      })
    }
  }
  return {
    jobs,
    nothingToRollBack: skipped.sort((a, b) => a.thingName.localeCompare(b.thingName)),
    missingReleases,
  }
}

/**
 * The newest release of the model older than the bad version: what a forced
 * group job from the wizard would most likely install instead, when a
 * rollback is too large to plan device by device.
 */
export function previousReleaseVersion(
  releases: readonly ReleaseForDocument[],
  model: string,
  badVersion: string,
): string | undefined {
  return releases
    .filter(
      (release) =>
        release.model === model &&
        parseFirmwareVersion(release.version).ok &&
        compareFirmwareVersions(release.version, badVersion) < 0,
    )
    .map((release) => release.version)
    .sort((a, b) => compareFirmwareVersions(b, a))[0]
}

/**
 * CreateJob options of one rollback job: IoT pre-signs the firmware URL
 * (placeholder mode, as the wizard does by default) with the presigner role
 * of the dashboard's account, and the job is tagged with who made it and
 * which job it rolls back.
 */
export function rollbackJobOptions({
  badJobId,
  job,
  account,
  username,
}: {
  badJobId: string
  job: PlannedRollbackJob
  account: Required<AccountScope>
  username: string | undefined
}): Record<string, unknown> {
  const count = job.things.length
  return {
    description: `Rollback of ${badJobId}: forced install of ${job.release.model} ${job.release.version} on ${count} ${count === 1 ? 'device' : 'devices'}.`,
    presignedUrlConfig: {
      roleArn: presignerRoleArn(account),
      expiresInSec: DEFAULT_PRESIGNED_URL_EXPIRY_SECONDS,
    },
    tags: originTags(ROLLBACK_OF_TAG_KEY, badJobId, username),
  }
}
