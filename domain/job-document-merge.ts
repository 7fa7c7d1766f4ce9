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

export function mergeJobDocument(
  template: Readonly<Record<string, unknown>>,
  generated: Readonly<Record<string, unknown>>,
): Validated<MergedJobDocument> {
  const overridden = Object.keys(template).filter(
    (key) => Object.hasOwn(generated, key) && template[key] !== generated[key],
  )
  // Object spread copies own enumerable keys, so a "__proto__" key parsed
  // from JSON stays a plain field and never changes the prototype.
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
