import { z } from 'zod'
import { parseFirmwareVersion } from './firmware-version.ts'
import { identifierSchema, THING_TYPE_NAME_RULE, type IdentifierRule } from './identifiers.ts'
import { codePointLength } from './number-rules.ts'
import { validateWith, type Validated } from './validation.ts'

/**
 * The firmware catalog in the firmware bucket. Each release is two objects:
 *
 *   <model>/<version>/firmware.bin    the image
 *   <model>/<version>/firmware.json   its manifest (FirmwareManifest)
 *
 * The manifest is written last and IS the catalog entry: a version exists
 * when its manifest does. S3 object metadata must be sent when an upload
 * starts, but an upload that hashes while it streams knows the sha256 only
 * at the end, and a multipart object has no full-object SHA-256 at all
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html),
 * so a separate manifest is the one place the digest can go, and writing it
 * is the atomic "publish" step.
 */

/** Models are thing type names (the demo fleet's thing types are its models), so the same rule applies. */
export const FIRMWARE_MODEL_RULE: IdentifierRule = { ...THING_TYPE_NAME_RULE, label: 'Model' }
export const firmwareModelSchema = identifierSchema(FIRMWARE_MODEL_RULE)

/**
 * The largest image the dashboard uploads. Firmware for the devices Fleetdeck
 * targets is kilobytes to a few hundred megabytes; 4 GiB leaves room for
 * whole A/B Linux system images while catching the wrong file (a disk dump,
 * a video) before minutes of in-browser hashing and uploading. It is far
 * inside S3's limits (5 TiB, 10,000 parts) at the default 8 MiB part size.
 */
export const MAX_FIRMWARE_BYTES = 4 * 1024 ** 3

/** Release notes are a table cell's worth, and every catalog listing reads every manifest. */
export const MAX_FIRMWARE_NOTES_LENGTH = 2000

export const FIRMWARE_MANIFEST_SCHEMA_VERSION = 1

const IMAGE_FILE = 'firmware.bin'
const MANIFEST_FILE = 'firmware.json'

/** The folder of one model's releases, for ListObjectsV2 `Prefix`. */
export const firmwareModelPrefix = (model: string) => `${model}/`
export const firmwareImageKey = (model: string, version: string) =>
  `${model}/${version}/${IMAGE_FILE}`
export const firmwareManifestKey = (model: string, version: string) =>
  `${model}/${version}/${MANIFEST_FILE}`

/** The model and version a manifest key names, or undefined for any other key in the bucket. */
export function parseFirmwareManifestKey(
  key: string,
): { readonly model: string; readonly version: string } | undefined {
  const segments = key.split('/')
  if (segments.length !== 3 || segments[2] !== MANIFEST_FILE) return undefined
  const [model = '', version = ''] = segments
  return model === '' || version === '' ? undefined : { model, version }
}

/**
 * A version as the catalog keys it: SemVer without build metadata. Devices
 * compare versions by SemVer precedence, which ignores build metadata, so
 * 1.2.0+b1 and 1.2.0+b2 would be two catalog entries for one version.
 */
export const catalogVersionSchema = z
  .string({ error: 'Firmware version is required.' })
  .transform((value, context) => {
    const parsed = parseFirmwareVersion(value)
    if (!parsed.ok) {
      for (const issue of parsed.issues)
        context.addIssue({ code: 'custom', message: issue.message })
      return z.NEVER
    }
    if (parsed.value.build.length > 0) {
      const release = parsed.value.text.split('+')[0] ?? ''
      context.addIssue({
        code: 'custom',
        message: `"${value}" has build metadata: devices treat it as the same version as ${release}, so write the version without "+${parsed.value.build.join('.')}".`,
      })
      return z.NEVER
    }
    return parsed.value.text
  })

const notesSchema = z
  .string({ error: 'Notes must be text.' })
  .refine((notes) => codePointLength(notes) <= MAX_FIRMWARE_NOTES_LENGTH, {
    error: `Notes must be at most ${MAX_FIRMWARE_NOTES_LENGTH} characters.`,
  })

const uploadSizeSchema = z
  .number({ error: 'Choose a firmware image file.' })
  .int({ error: 'The file size must be a whole number of bytes.' })
  .positive({ error: 'The file is empty: choose the firmware image.' })
  .max(MAX_FIRMWARE_BYTES, {
    error: `The file is larger than ${MAX_FIRMWARE_BYTES / 1024 ** 3} GiB, the most a firmware image may be.`,
  })

/** What an operator gives to publish a release, checked before any AWS call. */
export const firmwareUploadSchema = z.object({
  model: firmwareModelSchema,
  version: catalogVersionSchema,
  notes: notesSchema,
  size: uploadSizeSchema,
})
export type FirmwareUpload = z.output<typeof firmwareUploadSchema>

/** Issues are addressed by field (`model`, `version`, `notes`, `size`), for inline form errors. */
export const validateFirmwareUpload = (input: unknown): Validated<FirmwareUpload> =>
  validateWith(firmwareUploadSchema, input)

const sha256HexSchema = z
  .string({ error: 'sha256 is required.' })
  .regex(/^[0-9a-f]{64}$/, { error: 'sha256 must be 64 lowercase hexadecimal characters.' })

/**
 * A manifest as read back. Reading is stricter about shape than about
 * policy: notes and size limits are the upload form's rules, and a manifest
 * written by other tools may exceed them and still be a valid entry.
 */
export const firmwareManifestSchema = z.object({
  schemaVersion: z.literal(FIRMWARE_MANIFEST_SCHEMA_VERSION, {
    error: `schemaVersion must be ${FIRMWARE_MANIFEST_SCHEMA_VERSION}; this manifest may come from a newer Fleetdeck.`,
  }),
  model: firmwareModelSchema,
  version: z.string({ error: 'version is required.' }).superRefine((value, context) => {
    const parsed = parseFirmwareVersion(value)
    if (!parsed.ok)
      for (const issue of parsed.issues)
        context.addIssue({ code: 'custom', message: issue.message })
  }),
  size: z
    .number({ error: 'size must be the image size in bytes.' })
    .int({ error: 'size must be a whole number of bytes.' })
    .positive({ error: 'size must be more than 0 bytes.' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'size is too large.' }),
  sha256: sha256HexSchema,
  notes: z.string({ error: 'notes must be text.' }),
  uploadedAt: z.iso.datetime({ offset: true, error: 'uploadedAt must be an ISO 8601 time.' }),
  uploadedBy: z.string({ error: 'uploadedBy must be text.' }).optional(),
})
export type FirmwareManifest = z.output<typeof firmwareManifestSchema>

export function createFirmwareManifest(
  release: FirmwareUpload & {
    readonly sha256: string
    readonly uploadedAt: string
    readonly uploadedBy?: string | undefined
  },
): FirmwareManifest {
  return {
    schemaVersion: FIRMWARE_MANIFEST_SCHEMA_VERSION,
    model: release.model,
    version: release.version,
    size: release.size,
    sha256: release.sha256,
    notes: release.notes,
    uploadedAt: release.uploadedAt,
    ...(release.uploadedBy === undefined ? {} : { uploadedBy: release.uploadedBy }),
  }
}

/** The manifest object's body. */
export const serializeFirmwareManifest = (manifest: FirmwareManifest): string =>
  `${JSON.stringify(manifest, null, 2)}\n`

/**
 * Reads a manifest's body. `location` is the model and version its key names:
 * a manifest that describes another release is refused rather than listed
 * under the wrong name.
 */
export function parseFirmwareManifest(
  text: string,
  location?: { readonly model: string; readonly version: string },
): Validated<FirmwareManifest> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, issues: [{ path: '', message: 'The manifest is not JSON.' }] }
  }
  const result = validateWith(firmwareManifestSchema, json)
  if (!result.ok || location === undefined) return result
  const { model, version } = result.value
  if (model !== location.model || version !== location.version) {
    return {
      ok: false,
      issues: [
        {
          path: '',
          message: `The manifest describes ${model} ${version} but is stored as ${location.model} ${location.version}.`,
        },
      ],
    }
  }
  return result
}
