import { describe, expect, it } from 'vitest'
import type { FirmwareManifest } from '@domain/firmware-manifest.ts'
import {
  matchesFilterText,
  sortCatalogEntries,
  type FirmwareCatalogEntry,
} from './catalog-entries.ts'

const release = (model: string, version: string, notes = ''): FirmwareCatalogEntry => {
  const manifest: FirmwareManifest = {
    schemaVersion: 1,
    model,
    version,
    size: 10,
    sha256: 'c0ffee'.padEnd(64, '0'),
    notes,
    uploadedAt: '2026-01-01T00:00:00.000Z',
    uploadedBy: 'ops@example.com',
  }
  return { kind: 'release', key: `${model}/${version}/firmware.json`, model, version, manifest }
}
const broken = (model: string, version: string): FirmwareCatalogEntry => ({
  kind: 'broken',
  key: `${model}/${version}/firmware.json`,
  model,
  version,
  problem: 'The manifest is not JSON.',
})

describe('sortCatalogEntries', () => {
  it('orders by model, then newest version first by SemVer precedence', () => {
    const sorted = sortCatalogEntries([
      release('lamp', '1.10.0'),
      release('lock', '3.0.0'),
      release('lamp', '1.9.0'),
      release('lamp', '2.0.0-rc.1'),
      release('lamp', '2.0.0'),
      broken('lamp', 'not-a-version'),
      broken('lamp', '1.9.5'),
    ])
    expect(sorted.map((entry) => `${entry.model} ${entry.version}`)).toEqual([
      'lamp 2.0.0',
      'lamp 2.0.0-rc.1',
      'lamp 1.10.0',
      'lamp 1.9.5',
      'lamp 1.9.0',
      'lamp not-a-version',
      'lock 3.0.0',
    ])
  })
})

describe('matchesFilterText', () => {
  it('matches model, version, sha256, notes and uploader, ignoring case', () => {
    const entry = release('lamp-v2', '1.2.0', 'Scheduled Scenes')
    for (const text of ['', '  ', 'LAMP', '1.2', 'c0ffee', 'scenes', 'ops@']) {
      expect(matchesFilterText(entry, text)).toBe(true)
    }
    expect(matchesFilterText(entry, 'thermostat')).toBe(false)
    expect(matchesFilterText(broken('lamp', '1.0.0'), 'not json')).toBe(true)
  })
})
