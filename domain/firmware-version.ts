import compareSemver from 'semver/functions/compare.js'
import parseSemver from 'semver/functions/parse.js'
import { z } from 'zod'
import type { Validated } from './validation.ts'

/**
 * Firmware versions are Semantic Versioning 2.0.0 strings (semver.org), parsed
 * strictly: no leading "v", no surrounding spaces. Precedence follows the spec,
 * so pre-releases sort before their release (1.2.0-rc.1 < 1.2.0) and build
 * metadata is ignored (1.2.0+b1 and 1.2.0+b2 are the same version).
 */
export interface FirmwareVersion {
  readonly text: string
  readonly major: number
  readonly minor: number
  readonly patch: number
  readonly prerelease: readonly (string | number)[]
  readonly build: readonly string[]
}

/** The semver library's own limit; longer strings are never versions. */
export const MAX_FIRMWARE_VERSION_LENGTH = 256

export class InvalidFirmwareVersionError extends Error {
  override readonly name = 'InvalidFirmwareVersionError'

  constructor(
    readonly input: unknown,
    reason: string,
  ) {
    super(reason)
  }
}

function versionProblem(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length === 0) return 'Firmware version is required.'
  if (input.length > MAX_FIRMWARE_VERSION_LENGTH) {
    return `Firmware version must be at most ${MAX_FIRMWARE_VERSION_LENGTH} characters.`
  }
  if (input !== input.trim())
    return `"${input}" is not a firmware version: remove the spaces around it.`
  if (/^[vV=]\d/.test(input)) {
    return `"${input}" is not a firmware version: write it without the leading "${input[0]}", as ${input.slice(1)}.`
  }
  return undefined
}

export function parseFirmwareVersion(input: unknown): Validated<FirmwareVersion> {
  const problem = versionProblem(input)
  const parsed = problem === undefined ? parseSemver(input as string) : null
  if (parsed === null) {
    const message =
      problem ??
      `"${String(input)}" is not a firmware version: use semantic versioning, MAJOR.MINOR.PATCH such as 1.4.0 or 2.0.0-rc.1.`
    return { ok: false, issues: [{ path: '', message }] }
  }
  return {
    ok: true,
    value: {
      text: parsed.version + (parsed.build.length > 0 ? `+${parsed.build.join('.')}` : ''),
      major: parsed.major,
      minor: parsed.minor,
      patch: parsed.patch,
      prerelease: parsed.prerelease,
      build: parsed.build,
    },
  }
}

function parseOrThrow(input: string): FirmwareVersion {
  const result = parseFirmwareVersion(input)
  if (!result.ok)
    throw new InvalidFirmwareVersionError(input, result.issues[0]?.message ?? 'Invalid version.')
  return result.value
}

/** Orders two versions by SemVer precedence. Throws InvalidFirmwareVersionError for a non-version. */
export function compareFirmwareVersions(a: string, b: string): -1 | 0 | 1 {
  return compareSemver(parseOrThrow(a).text, parseOrThrow(b).text)
}

const byCodeUnits = (a: string, b: string): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Orders version texts as lists show them, newest first: SemVer versions by
 * precedence, then (after every SemVer version) texts that are not versions,
 * by code units. Devices report whatever their firmware says and a catalog
 * may hold odd keys, so unlike compareFirmwareVersions this accepts any text
 * and never throws. Versions of equal precedence that differ only in build
 * metadata (1.2.0+b1, 1.2.0+b2) are ordered by text, so the order is total
 * and a sort is the same on every render.
 */
export function compareVersionsNewestFirst(a: string, b: string): -1 | 0 | 1 {
  const aIsVersion = parseFirmwareVersion(a).ok
  const bIsVersion = parseFirmwareVersion(b).ok
  if (aIsVersion && bIsVersion) return compareFirmwareVersions(b, a) || byCodeUnits(a, b)
  if (aIsVersion !== bIsVersion) return aIsVersion ? -1 : 1
  return byCodeUnits(a, b)
}

export type FirmwareChange =
  | {
      readonly kind: 'upgrade' | 'downgrade' | 'current'
      readonly running: string
      readonly target: string
    }
  | {
      readonly kind: 'unknown'
      readonly running: unknown
      readonly target: string
      readonly reason: string
    }

/**
 * What installing `target` means for a device running `running`, as the device
 * itself will judge it: a downgrade is refused unless the job is forced. The
 * running version comes from the device (its shadow), so anything may arrive;
 * what is not a version is `unknown`, never an error. The target must be valid.
 */
export function classifyFirmwareChange(running: unknown, target: string): FirmwareChange {
  const targetVersion = parseOrThrow(target)
  if (running === undefined || running === null || running === '') {
    return {
      kind: 'unknown',
      running,
      target,
      reason: 'The device has not reported a firmware version.',
    }
  }
  const parsed = parseFirmwareVersion(running)
  if (!parsed.ok) {
    const shown = typeof running === 'string' ? `"${running}"` : `a value of type ${typeof running}`
    return {
      kind: 'unknown',
      running,
      target,
      reason: `The device reports ${shown}, which is not a version.`,
    }
  }
  const order = compareFirmwareVersions(parsed.value.text, targetVersion.text)
  const kind = order < 0 ? 'upgrade' : order > 0 ? 'downgrade' : 'current'
  return { kind, running: parsed.value.text, target: targetVersion.text }
}

export const firmwareVersionSchema = z
  .string({ error: 'Firmware version is required.' })
  .superRefine((value, context) => {
    const result = parseFirmwareVersion(value)
    if (!result.ok)
      for (const issue of result.issues)
        context.addIssue({ code: 'custom', message: issue.message })
  })
