import { describe, expect, it } from 'vitest'
import {
  createFirmwareManifest,
  firmwareImageKey,
  firmwareManifestKey,
  firmwareModelPrefix,
  MAX_FIRMWARE_BYTES,
  MAX_FIRMWARE_NOTES_LENGTH,
  parseFirmwareManifest,
  parseFirmwareManifestKey,
  serializeFirmwareManifest,
  validateFirmwareUpload,
} from './firmware-manifest.ts'

const valid = { model: 'lamp-v2', version: '1.2.0', notes: 'Scheduled scenes.', size: 4608 }
const SHA = 'ab'.repeat(32)

const issuesOf = (input: unknown) => {
  const result = validateFirmwareUpload(input)
  return result.ok ? [] : result.issues
}

describe('catalog keys', () => {
  it('puts the image and its manifest side by side under model and version', () => {
    expect(firmwareImageKey('lamp-v2', '1.2.0')).toBe('lamp-v2/1.2.0/firmware.bin')
    expect(firmwareManifestKey('lamp-v2', '1.2.0')).toBe('lamp-v2/1.2.0/firmware.json')
    expect(firmwareModelPrefix('lamp-v2')).toBe('lamp-v2/')
  })

  it('reads model and version back from a manifest key and ignores every other key', () => {
    expect(parseFirmwareManifestKey('lamp-v2/2.0.0-rc.1/firmware.json')).toEqual({
      model: 'lamp-v2',
      version: '2.0.0-rc.1',
    })
    for (const key of [
      'lamp-v2/1.2.0/firmware.bin',
      'lamp-v2/firmware.json',
      'a/b/c/firmware.json',
      '/1.0.0/firmware.json',
      'lamp//firmware.json',
      'lamp/1.0.0/firmware.json.bak',
    ]) {
      expect(parseFirmwareManifestKey(key)).toBeUndefined()
    }
  })
})

describe('validateFirmwareUpload', () => {
  it('accepts a release and keeps its fields', () => {
    expect(validateFirmwareUpload(valid)).toEqual({ ok: true, value: valid })
    expect(validateFirmwareUpload({ ...valid, model: 'a:b_c-D9', notes: '' }).ok).toBe(true)
  })

  it('refuses a model that is not a thing type name, naming the field', () => {
    expect(issuesOf({ ...valid, model: '' })).toEqual([
      { path: 'model', message: 'Model is required.' },
    ])
    expect(issuesOf({ ...valid, model: 'lamp/v2' })).toEqual([
      { path: 'model', message: expect.stringContaining('remove "/"') },
    ])
    expect(issuesOf({ ...valid, model: 'x'.repeat(129) })[0]?.message).toContain('at most 128')
  })

  it('refuses what is not a version, and build metadata', () => {
    expect(issuesOf({ ...valid, version: 'v1.2.0' })[0]).toMatchObject({
      path: 'version',
      message: expect.stringContaining('leading "v"'),
    })
    expect(issuesOf({ ...valid, version: '1.2' })[0]?.path).toBe('version')
    expect(issuesOf({ ...valid, version: '1.2.0+b7' })).toEqual([
      { path: 'version', message: expect.stringContaining('same version as 1.2.0') },
    ])
    expect(validateFirmwareUpload({ ...valid, version: '2.0.0-rc.1' }).ok).toBe(true)
  })

  it('limits notes by characters, not UTF-16 units', () => {
    expect(
      validateFirmwareUpload({ ...valid, notes: '🙂'.repeat(MAX_FIRMWARE_NOTES_LENGTH) }).ok,
    ).toBe(true)
    expect(issuesOf({ ...valid, notes: 'x'.repeat(MAX_FIRMWARE_NOTES_LENGTH + 1) })).toEqual([
      { path: 'notes', message: `Notes must be at most ${MAX_FIRMWARE_NOTES_LENGTH} characters.` },
    ])
  })

  it('refuses an empty file and one over the limit', () => {
    expect(issuesOf({ ...valid, size: 0 })).toEqual([
      { path: 'size', message: 'The file is empty: choose the firmware image.' },
    ])
    expect(validateFirmwareUpload({ ...valid, size: MAX_FIRMWARE_BYTES }).ok).toBe(true)
    expect(issuesOf({ ...valid, size: MAX_FIRMWARE_BYTES + 1 })[0]).toMatchObject({
      path: 'size',
      message: expect.stringContaining('4 GiB'),
    })
    expect(issuesOf({ ...valid, size: undefined })[0]?.path).toBe('size')
  })

  it('reports every bad field at once', () => {
    expect(issuesOf({ model: '', version: '', notes: '', size: 0 }).map((i) => i.path)).toEqual([
      'model',
      'version',
      'size',
    ])
  })
})

describe('manifests', () => {
  const manifest = createFirmwareManifest({
    ...valid,
    sha256: SHA,
    uploadedAt: '2026-03-01T10:00:00.000Z',
    uploadedBy: 'operator@example.com',
  })

  it('round-trip through their JSON body', () => {
    const text = serializeFirmwareManifest(manifest)
    expect(JSON.parse(text)).toEqual({
      schemaVersion: 1,
      model: 'lamp-v2',
      version: '1.2.0',
      size: 4608,
      sha256: SHA,
      notes: 'Scheduled scenes.',
      uploadedAt: '2026-03-01T10:00:00.000Z',
      uploadedBy: 'operator@example.com',
    })
    expect(parseFirmwareManifest(text, { model: 'lamp-v2', version: '1.2.0' })).toEqual({
      ok: true,
      value: manifest,
    })
  })

  it('leave uploadedBy out when nobody is named', () => {
    const anonymous = createFirmwareManifest({
      ...valid,
      sha256: SHA,
      uploadedAt: manifest.uploadedAt,
    })
    expect('uploadedBy' in anonymous).toBe(false)
  })

  it('are refused when not JSON, of another schema, or of another release', () => {
    expect(parseFirmwareManifest('{')).toEqual({
      ok: false,
      issues: [{ path: '', message: 'The manifest is not JSON.' }],
    })
    const newer = parseFirmwareManifest(JSON.stringify({ ...manifest, schemaVersion: 2 }))
    expect(newer.ok ? [] : newer.issues).toEqual([
      { path: 'schemaVersion', message: expect.stringContaining('newer Fleetdeck') },
    ])
    const upper = parseFirmwareManifest(JSON.stringify({ ...manifest, sha256: SHA.toUpperCase() }))
    expect(upper.ok ? [] : upper.issues.map((i) => i.path)).toEqual(['sha256'])
    const elsewhere = parseFirmwareManifest(serializeFirmwareManifest(manifest), {
      model: 'lamp-v2',
      version: '1.1.0',
    })
    expect(elsewhere.ok ? '' : elsewhere.issues[0]?.message).toBe(
      'The manifest describes lamp-v2 1.2.0 but is stored as lamp-v2 1.1.0.',
    )
  })

  it('are read even when they exceed the upload form’s policy limits', () => {
    const long = { ...manifest, notes: 'x'.repeat(MAX_FIRMWARE_NOTES_LENGTH * 2), size: 2 ** 40 }
    expect(parseFirmwareManifest(JSON.stringify(long)).ok).toBe(true)
    const bad = parseFirmwareManifest(JSON.stringify({ ...manifest, uploadedAt: 'yesterday' }))
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual(['uploadedAt'])
  })
})
