import { serializeJobDocument, type JobDocument } from './job-document.ts'
import type { Validated } from './validation.ts'

/**
 * A custom job document (PRODUCT.md, "Job documents"): the operator's own
 * fields from a template, merged with the document Fleetdeck generates. The
 * generated fields win, so a template can add fields the device agent reads
 * but never change what is installed, from where, or whether it is forced.
 * The result must still be a valid job document within AWS's 32 KB.
 */
export interface MergedJobDocument {
  readonly document: JobDocument
  /** The exact text for CreateJob `document`. */
  readonly text: string
  /** Template fields replaced by generated ones, to tell the operator. */
  readonly overridden: readonly string[]
}

/** Template text as an object: empty or blank text is no template. */
export function parseDocumentTemplate(text: string): Validated<Record<string, unknown>> {
  if (text.trim() === '') return { ok: true, value: {} }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : ''
    return {
      ok: false,
      issues: [{ path: '', message: `The template is not valid JSON${detail}.` }],
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return {
      ok: false,
      issues: [{ path: '', message: 'The template must be a JSON object ({ "field": value }).' }],
    }
  }
  return { ok: true, value: parsed as Record<string, unknown> }
}

/**
 * Keys a template may not hold at the top level. JSON.parse makes
 * `"__proto__"` an own field, but the first `{ ...spread }` or assignment
 * that is not a spread would set the prototype instead, and the key means
 * nothing to a device: refuse it rather than drop it silently.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * IoT replaces `${aws:iot:s3-presigned-url:…}` anywhere in a job document
 * with a URL signed by the presigner role. A template value carrying one
 * would make IoT pre-sign any object that role can read, so a template may
 * not hold `${` in any string, at any depth. Only the generated `url` field
 * carries the placeholder, for the firmware image the operator chose.
 * https://docs.aws.amazon.com/iot/latest/developerguide/create-manage-jobs.html#create-manage-jobs-presigned-URLs
 */
const PLACEHOLDER_START = '${'

function placeholderPaths(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.includes(PLACEHOLDER_START) ? [path] : []
  if (Array.isArray(value))
    return value.flatMap((item, index) => placeholderPaths(item, `${path}[${index}]`))
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, inner]) =>
      placeholderPaths(inner, path === '' ? key : `${path}.${key}`),
    )
  }
  return []
}

/** Why the template cannot be merged, or nothing. */
export function templateIssues(
  template: Readonly<Record<string, unknown>>,
): { path: string; message: string }[] {
  const forbidden = Object.keys(template)
    .filter((key) => FORBIDDEN_KEYS.has(key))
    .map((key) => ({
      path: key,
      message: `The template may not have a top-level field named "${key}".`,
    }))
  // Keys are checked too: a key is also text IoT could substitute.
  const keyPlaceholders = Object.keys(template)
    .filter((key) => key.includes(PLACEHOLDER_START))
    .map((key) => ({
      path: key,
      message: 'A template field name may not contain "${": IoT substitutes ${…} placeholders.',
    }))
  const valuePlaceholders = Object.entries(template)
    .filter(([key]) => !FORBIDDEN_KEYS.has(key))
    .flatMap(([key, value]) => placeholderPaths(value, key))
    .map((path) => ({
      path,
      message:
        'A template value may not contain "${": IoT would replace a ${aws:iot:s3-presigned-url:…} placeholder with a pre-signed URL. Only the generated firmware URL may carry one.',
    }))
  return [...forbidden, ...keyPlaceholders, ...valuePlaceholders]
}

export function mergeJobDocument(
  template: Readonly<Record<string, unknown>>,
  generated: Readonly<Record<string, unknown>>,
): Validated<MergedJobDocument> {
  const issues = templateIssues(template)
  if (issues.length > 0) return { ok: false, issues }
  const overridden = Object.keys(template).filter(
    (key) => Object.hasOwn(generated, key) && template[key] !== generated[key],
  )
  const serialized = serializeJobDocument({ ...template, ...generated })
  if (!serialized.ok) return serialized
  return { ok: true, value: { ...serialized.value, overridden } }
}

/** Template text and generated document in one step, for the wizard. */
export function mergeJobDocumentText(
  templateText: string,
  generated: Readonly<Record<string, unknown>>,
): Validated<MergedJobDocument> {
  const template = parseDocumentTemplate(templateText)
  return template.ok ? mergeJobDocument(template.value, generated) : template
}
