import { z } from 'zod'
import { firmwareVersionSchema } from './firmware-version.ts'
import { thingTypeNameSchema } from './identifiers.ts'
import { validateWith, type Validated, type ValidationIssue } from './validation.ts'

/**
 * Fleetdeck's job documents (PRODUCT.md, "Job documents"). Fields are flat and
 * keyed by `operation`. Fields we do not know are kept: operators add their own
 * from a custom template, and the device ignores what it does not understand.
 */
export const JOB_OPERATIONS = ['install', 'config-download', 'config-upload'] as const
export type JobOperation = (typeof JOB_OPERATIONS)[number]

/** CreateJob `document` is a JSON string of at most 32,768 (the model's JobDocument length; "32 KB" in the quotas). We count UTF-8 bytes, which is never fewer than characters, so a document we accept AWS accepts. */
export const MAX_JOB_DOCUMENT_BYTES = 32_768

/** At most 10 `${…}` substitutions per document, pre-signed URL placeholders included (IoT quotas). */
export const MAX_JOB_DOCUMENT_SUBSTITUTIONS = 10

const PRESIGNED_URL_PLACEHOLDER = /^\$\{aws:iot:s3-presigned-url:(.+)\}$/

/** `${aws:iot:s3-presigned-url:https://s3.{region}.amazonaws.com/{bucket}/{key}}`: IoT Jobs replaces it with a pre-signed GET URL when the device fetches the document. */
export function presignedUrlPlaceholder(s3ObjectUrl: string): string {
  return `\${aws:iot:s3-presigned-url:${s3ObjectUrl}}`
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false
  const { protocol } = new URL(value)
  return protocol === 'https:' || protocol === 'http:'
}

const downloadUrlSchema = z.string({ error: 'url is required.' }).superRefine((value, context) => {
  const placeholder = PRESIGNED_URL_PLACEHOLDER.exec(value)
  if (placeholder !== null) {
    const objectUrl = placeholder[1] ?? ''
    if (!objectUrl.startsWith('https://') || !URL.canParse(objectUrl)) {
      context.addIssue({
        code: 'custom',
        message: 'A pre-signed URL placeholder must wrap an https:// S3 object URL.',
      })
    }
    return
  }
  if (!isHttpUrl(value)) {
    context.addIssue({
      code: 'custom',
      message: 'url must be an http(s) URL or a ${aws:iot:s3-presigned-url:…} placeholder.',
    })
  }
})

// IoT pre-signs placeholders for GET only, so an upload needs a URL the operator pre-signed for PUT.
const uploadUrlSchema = z.string({ error: 'url is required.' }).superRefine((value, context) => {
  if (PRESIGNED_URL_PLACEHOLDER.test(value)) {
    context.addIssue({
      code: 'custom',
      message: 'config-upload needs a URL pre-signed for PUT; IoT placeholders pre-sign GET only.',
    })
  } else if (!isHttpUrl(value)) {
    context.addIssue({ code: 'custom', message: 'url must be an http(s) URL pre-signed for PUT.' })
  }
})

const sha256Schema = z
  .string({ error: 'sha256 is required.' })
  .regex(/^[0-9a-fA-F]{64}$/, {
    error: 'sha256 must be 64 hexadecimal characters (a SHA-256 digest).',
  })
  .transform((digest) => digest.toLowerCase())

const sizeSchema = z
  .number({ error: 'size must be the image size in bytes.' })
  .int({ error: 'size must be a whole number of bytes.' })
  .positive({ error: 'size must be more than 0 bytes.' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'size is too large.' })

export const installDocumentSchema = z.looseObject({
  operation: z.literal('install'),
  url: downloadUrlSchema,
  version: firmwareVersionSchema,
  sha256: sha256Schema,
  size: sizeSchema,
  forced: z.boolean({ error: 'forced must be true or false.' }),
  model: thingTypeNameSchema.optional(),
})

export const configDownloadDocumentSchema = z.looseObject({
  operation: z.literal('config-download'),
  url: downloadUrlSchema,
  sha256: sha256Schema,
})

export const configUploadDocumentSchema = z.looseObject({
  operation: z.literal('config-upload'),
  url: uploadUrlSchema,
})

export const jobDocumentSchema = z.discriminatedUnion(
  'operation',
  [installDocumentSchema, configDownloadDocumentSchema, configUploadDocumentSchema],
  { error: `operation must be one of ${JOB_OPERATIONS.join(', ')}.` },
)

export type InstallDocument = z.output<typeof installDocumentSchema>
export type ConfigDownloadDocument = z.output<typeof configDownloadDocumentSchema>
export type ConfigUploadDocument = z.output<typeof configUploadDocumentSchema>
export type JobDocument = z.output<typeof jobDocumentSchema>

export function utf8ByteLength(text: string): number {
  let bytes = 0
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4
  }
  return bytes
}

function countSubstitutions(text: string): number {
  return text.split('${').length - 1
}

function limitIssues(serialized: string): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const bytes = utf8ByteLength(serialized)
  if (bytes > MAX_JOB_DOCUMENT_BYTES) {
    issues.push({
      path: '',
      message: `The job document is ${bytes.toLocaleString('en-US')} bytes; AWS IoT accepts at most ${MAX_JOB_DOCUMENT_BYTES.toLocaleString('en-US')} (32 KB).`,
    })
  }
  const substitutions = countSubstitutions(serialized)
  if (substitutions > MAX_JOB_DOCUMENT_SUBSTITUTIONS) {
    issues.push({
      path: '',
      message: `The job document has ${substitutions} \${…} substitutions; AWS IoT allows at most ${MAX_JOB_DOCUMENT_SUBSTITUTIONS}.`,
    })
  }
  return issues
}

/** Checks a document's fields and AWS's size and substitution limits, and returns the exact text to send as CreateJob `document`. */
export function serializeJobDocument(
  input: unknown,
): Validated<{ document: JobDocument; text: string }> {
  const result = validateWith(jobDocumentSchema, input)
  if (!result.ok) return result
  const text = JSON.stringify(result.value)
  const issues = limitIssues(text)
  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, value: { document: result.value, text } }
}

/**
 * A document Fleetdeck did not write, to be sent again exactly as it is (a
 * retry re-sends the job's own document, whichever tool made it): only what
 * AWS itself requires is checked, a JSON object within the 32 KB and
 * substitution limits.
 */
export function checkJobDocumentText(text: string): Validated<string> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { ok: false, issues: [{ path: '', message: 'The job document is not valid JSON.' }] }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, issues: [{ path: '', message: 'The job document must be a JSON object.' }] }
  }
  const issues = limitIssues(text)
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: text }
}

/** Reads a document as a device receives it: a string over HTTPS, an object over MQTT. */
export function parseJobDocument(input: unknown): Validated<JobDocument> {
  if (typeof input !== 'string') return validateWith(jobDocumentSchema, input)
  let parsed: unknown
  try {
    parsed = JSON.parse(input)
  } catch {
    return { ok: false, issues: [{ path: '', message: 'The job document is not valid JSON.' }] }
  }
  // No size check here: a document grows when IoT substitutes pre-signed URLs,
  // so what a device receives may exceed the 32 KB AWS checked at CreateJob.
  return validateWith(jobDocumentSchema, parsed)
}
