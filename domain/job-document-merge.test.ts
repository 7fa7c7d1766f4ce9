import { describe, expect, it } from 'vitest'
import { MAX_JOB_DOCUMENT_BYTES } from './job-document.ts'
import {
  mergeJobDocument,
  mergeJobDocumentText,
  parseDocumentTemplate,
} from './job-document-merge.ts'

const generated = {
  operation: 'install',
  url: 'https://firmware.example.com/lamp-v2/1.2.0/firmware.bin',
  version: '1.2.0',
  sha256: 'b'.repeat(64),
  size: 2048,
  forced: false,
  model: 'lamp-v2',
}

describe('mergeJobDocument', () => {
  it('adds the template fields to the generated document', () => {
    const result = mergeJobDocument({ ticket: 'OPS-12', reboot: { delaySec: 30 } }, generated)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.document).toMatchObject({ ...generated, ticket: 'OPS-12' })
    expect(JSON.parse(result.value.text)).toEqual({
      ticket: 'OPS-12',
      reboot: { delaySec: 30 },
      ...generated,
    })
    expect(result.value.overridden).toEqual([])
  })

  it('lets the generated fields win and says which template fields lost', () => {
    const result = mergeJobDocument(
      { forced: true, version: '0.1.0', url: 'https://evil.example.com/x', operation: 'install' },
      generated,
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.document).toMatchObject({ forced: false, version: '1.2.0' })
    expect(result.value.overridden).toEqual(['forced', 'version', 'url'])
  })

  it('keeps a __proto__ field a plain field', () => {
    const template = JSON.parse('{"__proto__": {"forced": true}}') as Record<string, unknown>
    const { forced: _forced, ...withoutForced } = generated
    // Were the prototype set, `forced` would be inherited and the document valid.
    const result = mergeJobDocument(template, withoutForced)
    expect(result.ok).toBe(false)
  })

  it('refuses a merged document over 32 KB', () => {
    const result = mergeJobDocument({ padding: 'x'.repeat(MAX_JOB_DOCUMENT_BYTES) }, generated)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues[0]?.message).toMatch(/32 KB/)
  })

  it('refuses a merged document the schema refuses', () => {
    const result = mergeJobDocument({}, { ...generated, sha256: 'nope' })
    expect(result.ok).toBe(false)
  })
})

describe('parseDocumentTemplate', () => {
  it('takes blank text as no template', () => {
    expect(parseDocumentTemplate('  ')).toEqual({ ok: true, value: {} })
  })

  it('refuses text that is not JSON, and JSON that is not an object', () => {
    for (const text of ['{', '[1]', '"x"', 'null', '3']) {
      expect(parseDocumentTemplate(text).ok, text).toBe(false)
    }
  })

  it('merges from text in one step', () => {
    const result = mergeJobDocumentText('{"note":"hi"}', generated)
    expect(result.ok && result.value.document).toMatchObject({ note: 'hi' })
  })
})
