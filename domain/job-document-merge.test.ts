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

  it('refuses a __proto__, constructor or prototype field with a clear error', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const template = JSON.parse(`{"${key}": {"forced": true}, "ticket": "x"}`) as Record<
        string,
        unknown
      >
      const result = mergeJobDocument(template, generated)
      expect(result.ok, key).toBe(false)
      if (result.ok) continue
      expect(result.issues).toEqual([
        { path: key, message: `The template may not have a top-level field named "${key}".` },
      ])
    }
  })

  it('refuses ${…} placeholders in template values at any depth, and in field names', () => {
    const placeholder = '${aws:iot:s3-presigned-url:https://s3.amazonaws.com/secrets/key}'
    for (const template of [
      { extra: placeholder },
      { nested: { deeper: [1, `see ${placeholder}`] } },
      { [placeholder]: 1 },
    ]) {
      const result = mergeJobDocument(template, generated)
      expect(result.ok, JSON.stringify(template)).toBe(false)
      if (result.ok) continue
      expect(result.issues[0]?.message).toMatch(/\$\{/)
    }
    const nested = mergeJobDocument({ nested: { deeper: [1, placeholder] } }, generated)
    expect(!nested.ok && nested.issues[0]?.path).toBe('nested.deeper[1]')
    // A dollar sign alone is fine.
    expect(mergeJobDocument({ price: '$5 {x}' }, generated).ok).toBe(true)
  })

  it('keeps the placeholder of the generated url', () => {
    const url = '${aws:iot:s3-presigned-url:https://s3.us-east-1.amazonaws.com/b/k}'
    const result = mergeJobDocument({ ticket: 'OPS-1' }, { ...generated, url })
    expect(result.ok && result.value.document).toMatchObject({ url })
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
