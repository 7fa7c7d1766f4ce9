import { describe, expect, it } from 'vitest'
import {
  checkJobDocumentText,
  MAX_JOB_DOCUMENT_BYTES,
  parseJobDocument,
  presignedUrlPlaceholder,
  serializeJobDocument,
  utf8ByteLength,
} from './job-document.ts'
import type { Validated } from './validation.ts'

const SHA = 'a'.repeat(64)
const FIRMWARE_URL = presignedUrlPlaceholder(
  'https://s3.us-east-1.amazonaws.com/fleetdeck-firmware/thermo/2.1.0.bin',
)

const install = {
  operation: 'install',
  url: FIRMWARE_URL,
  version: '2.1.0',
  sha256: SHA,
  size: 1_048_576,
  forced: false,
  model: 'thermo-v2',
}

function issues<T>(result: Validated<T>): string[] {
  return result.ok
    ? []
    : result.issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
}

describe('serializeJobDocument', () => {
  it('accepts each operation and returns the exact text to send', () => {
    const result = serializeJobDocument(install)
    expect(result).toEqual({
      ok: true,
      value: { document: install, text: JSON.stringify(install) },
    })

    const download = {
      operation: 'config-download',
      url: 'https://example.com/config.json',
      sha256: SHA,
    }
    expect(serializeJobDocument(download)).toMatchObject({
      ok: true,
      value: { document: download },
    })

    const upload = {
      operation: 'config-upload',
      url: 'http://127.0.0.1:4566/configs/t1.json?X-Amz-Signature=abc',
    }
    expect(serializeJobDocument(upload)).toMatchObject({ ok: true, value: { document: upload } })
  })

  it('keeps custom fields from a template', () => {
    const result = serializeJobDocument({ ...install, notes: 'canary', steps: [1, 2] })
    expect(result.ok && result.value.document).toMatchObject({ notes: 'canary', steps: [1, 2] })
  })

  it('makes model optional and sha256 lowercase', () => {
    const { model: _model, ...withoutModel } = install
    const result = serializeJobDocument({ ...withoutModel, sha256: 'ABCDEF'.padEnd(64, '0') })
    expect(result.ok && result.value.document.sha256).toBe('abcdef'.padEnd(64, '0'))
  })

  it('names every missing install field', () => {
    expect(issues(serializeJobDocument({ operation: 'install' }))).toEqual([
      'url: url is required.',
      'version: Firmware version is required.',
      'sha256: sha256 is required.',
      'size: size must be the image size in bytes.',
      'forced: forced must be true or false.',
    ])
  })

  it('refuses an unknown operation', () => {
    expect(issues(serializeJobDocument({ ...install, operation: 'reboot' }))).toEqual([
      'operation: operation must be one of install, config-download, config-upload.',
    ])
    expect(issues(serializeJobDocument('install'))).toEqual([
      'operation must be one of install, config-download, config-upload.',
    ])
  })

  it('refuses bad field values with their reasons', () => {
    expect(issues(serializeJobDocument({ ...install, version: 'v2.1.0' }))).toEqual([
      'version: "v2.1.0" is not a firmware version: write it without the leading "v", as 2.1.0.',
    ])
    expect(issues(serializeJobDocument({ ...install, sha256: 'abc' }))).toEqual([
      'sha256: sha256 must be 64 hexadecimal characters (a SHA-256 digest).',
    ])
    expect(issues(serializeJobDocument({ ...install, size: 0 }))).toEqual([
      'size: size must be more than 0 bytes.',
    ])
    expect(issues(serializeJobDocument({ ...install, size: 1.5 }))).toEqual([
      'size: size must be a whole number of bytes.',
    ])
    expect(issues(serializeJobDocument({ ...install, forced: 'yes' }))).toEqual([
      'forced: forced must be true or false.',
    ])
    expect(issues(serializeJobDocument({ ...install, model: 'thermo v2' }))[0]).toContain(
      'model: Thing type name may contain only',
    )
  })

  it('accepts http(s) URLs and pre-signed placeholders, refuses others', () => {
    for (const url of [
      'https://cdn.example.com/fw.bin',
      'http://127.0.0.1:4566/fw/fw.bin?X-Amz-Expires=60',
    ]) {
      expect(serializeJobDocument({ ...install, url }).ok).toBe(true)
    }
    expect(issues(serializeJobDocument({ ...install, url: 'ftp://example.com/fw.bin' }))).toEqual([
      'url: url must be an http(s) URL or a ${aws:iot:s3-presigned-url:…} placeholder.',
    ])
    expect(
      issues(
        serializeJobDocument({ ...install, url: '${aws:iot:s3-presigned-url:s3://bucket/key}' }),
      ),
    ).toEqual(['url: A pre-signed URL placeholder must wrap an https:// S3 object URL.'])
  })

  it('refuses a placeholder for config-upload, which needs a PUT URL', () => {
    expect(issues(serializeJobDocument({ operation: 'config-upload', url: FIRMWARE_URL }))).toEqual(
      ['url: config-upload needs a URL pre-signed for PUT; IoT placeholders pre-sign GET only.'],
    )
  })

  it('accepts exactly 32,768 bytes and refuses one more', () => {
    const base = JSON.stringify({ ...install, notes: '' }).length
    const atLimit = { ...install, notes: 'x'.repeat(MAX_JOB_DOCUMENT_BYTES - base) }
    expect(JSON.stringify(atLimit)).toHaveLength(MAX_JOB_DOCUMENT_BYTES)
    expect(serializeJobDocument(atLimit).ok).toBe(true)

    const overLimit = { ...install, notes: 'x'.repeat(MAX_JOB_DOCUMENT_BYTES - base + 1) }
    expect(issues(serializeJobDocument(overLimit))).toEqual([
      'The job document is 32,769 bytes; AWS IoT accepts at most 32,768 (32 KB).',
    ])
  })

  it('counts the limit in UTF-8 bytes, so multi-byte text cannot slip past it', () => {
    const base = JSON.stringify({ ...install, notes: '' }).length
    // 'é' is one character but two bytes.
    const notes = 'é'.repeat(Math.ceil((MAX_JOB_DOCUMENT_BYTES - base) / 2) + 1)
    expect(JSON.stringify({ ...install, notes }).length).toBeLessThan(MAX_JOB_DOCUMENT_BYTES)
    expect(serializeJobDocument({ ...install, notes }).ok).toBe(false)
  })

  it('allows ten ${…} substitutions and refuses eleven', () => {
    const placeholders = (count: number) =>
      Object.fromEntries(
        Array.from({ length: count }, (_, index) => [
          `p${index}`,
          `\${aws:iot:parameter:p${index}}`,
        ]),
      )
    // The url placeholder is the first substitution.
    expect(serializeJobDocument({ ...install, ...placeholders(9) }).ok).toBe(true)
    expect(issues(serializeJobDocument({ ...install, ...placeholders(10) }))).toEqual([
      'The job document has 11 ${…} substitutions; AWS IoT allows at most 10.',
    ])
  })
})

describe('parseJobDocument', () => {
  it('reads the string a device gets over HTTPS and the object it gets over MQTT', () => {
    expect(parseJobDocument(JSON.stringify(install))).toEqual({ ok: true, value: install })
    expect(parseJobDocument(install)).toEqual({ ok: true, value: install })
  })

  it('says when the text is not JSON', () => {
    expect(issues(parseJobDocument('{"operation":'))).toEqual([
      'The job document is not valid JSON.',
    ])
  })

  it('does not apply the 32 KB limit to what a device receives, which grows with substituted URLs', () => {
    const text = JSON.stringify({ ...install, notes: 'x'.repeat(MAX_JOB_DOCUMENT_BYTES) })
    expect(parseJobDocument(text).ok).toBe(true)
  })
})

describe('checkJobDocumentText', () => {
  it('keeps a foreign document exactly as written, checking only what AWS requires', () => {
    const text = '{"steps":[{"action":"reboot"}],  "spacing":"kept"}'
    expect(checkJobDocumentText(text)).toEqual({ ok: true, value: text })
    expect(issues(checkJobDocumentText('[1]'))).toEqual(['The job document must be a JSON object.'])
    expect(issues(checkJobDocumentText('{'))).toEqual(['The job document is not valid JSON.'])
    const big = JSON.stringify({ notes: 'x'.repeat(MAX_JOB_DOCUMENT_BYTES) })
    expect(checkJobDocumentText(big).ok).toBe(false)
  })
})

describe('utf8ByteLength', () => {
  it('counts 1 to 4 bytes per character', () => {
    expect(utf8ByteLength('a')).toBe(1)
    expect(utf8ByteLength('é')).toBe(2)
    expect(utf8ByteLength('€')).toBe(3)
    expect(utf8ByteLength('😀')).toBe(4)
  })
})
