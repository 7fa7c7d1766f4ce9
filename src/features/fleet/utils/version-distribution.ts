import { compareVersionsNewestFirst } from '@domain/firmware-version.ts'

/**
 * A group's firmware versions from one GetBucketsAggregation over the
 * reported version: a bucket per version with its device count, and the
 * devices that report none. Those are `totalCount` (every thing the query
 * matched) minus the devices in buckets, both from the same response, so
 * the numbers always add up. When the response holds as many buckets as
 * were asked for, more versions may exist beyond them, and the remainder
 * mixes those devices with the unreported ones.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_GetBucketsAggregation.html
 */
export interface VersionCount {
  readonly version: string
  readonly count: number
}

export interface VersionDistribution {
  readonly totalCount: number
  /** Newest SemVer first; versions that are not SemVer after them, by text (compareVersionsNewestFirst). */
  readonly versions: readonly VersionCount[]
  /** Devices without a reported version (plus, when truncated, those on versions past the last bucket). */
  readonly remainder: number
  /** The answer may have left out versions: it filled every bucket asked for. */
  readonly truncated: boolean
}

export interface BucketsAnswer {
  readonly totalCount?: number | undefined
  readonly buckets?: readonly { keyValue?: string | undefined; count?: number | undefined }[]
}

export function versionDistribution(
  answer: BucketsAnswer,
  maxBuckets: number,
): VersionDistribution {
  const versions = (answer.buckets ?? [])
    .filter((bucket) => bucket.keyValue !== undefined && (bucket.count ?? 0) > 0)
    .map((bucket) => ({ version: bucket.keyValue ?? '', count: bucket.count ?? 0 }))
    .sort((a, b) => compareVersionsNewestFirst(a.version, b.version))
  const inBuckets = versions.reduce((sum, bucket) => sum + bucket.count, 0)
  const totalCount = Math.max(answer.totalCount ?? 0, inBuckets)
  return {
    totalCount,
    versions,
    remainder: totalCount - inBuckets,
    truncated: (answer.buckets ?? []).length >= maxBuckets,
  }
}

/** A count as a share of the whole, for the table: "42.9%". */
export function shareOf(count: number, total: number): string {
  if (total === 0) return '0%'
  return `${(Math.round((count / total) * 1000) / 10).toString()}%`
}
