import type { FirmwareManifest } from '@domain/firmware-manifest.ts'
import { compareVersionsNewestFirst } from '@domain/firmware-version.ts'

/**
 * One row of the catalog: a published release, or a manifest that could not
 * be read, listed (with why) rather than hidden or failing the whole page.
 */
export type FirmwareCatalogEntry =
  | {
      readonly kind: 'release'
      readonly key: string
      readonly model: string
      readonly version: string
      readonly manifest: FirmwareManifest
    }
  | {
      readonly kind: 'broken'
      readonly key: string
      readonly model: string
      readonly version: string
      readonly problem: string
    }

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** By model, then newest version first (SemVer precedence); keys that are not versions last. */
export function compareCatalogEntries(a: FirmwareCatalogEntry, b: FirmwareCatalogEntry): number {
  const byModel = byCodeUnits(a.model, b.model)
  if (byModel !== 0) return byModel
  return compareVersionsNewestFirst(a.version, b.version) || byCodeUnits(a.key, b.key)
}

export const sortCatalogEntries = (entries: readonly FirmwareCatalogEntry[]) =>
  [...entries].sort(compareCatalogEntries)

/** The table's text filter: any of model, version, sha256, notes, uploader or problem contains the text, ignoring case. */
export function matchesFilterText(entry: FirmwareCatalogEntry, text: string): boolean {
  const needle = text.trim().toLowerCase()
  if (needle === '') return true
  const fields =
    entry.kind === 'release'
      ? [
          entry.model,
          entry.version,
          entry.manifest.sha256,
          entry.manifest.notes,
          entry.manifest.uploadedBy ?? '',
        ]
      : [entry.model, entry.version, entry.problem]
  return fields.some((field) => field.toLowerCase().includes(needle))
}
