/**
 * Which active job the wall features, turning to the next one every
 * `rotate` seconds (the `?rotate=` query parameter) when there are several.
 * The order is the wall's list (newest first); the featured job is kept by
 * id, so a job starting or ending elsewhere in the list does not make the
 * wall jump.
 */
export const DEFAULT_ROTATE_SECONDS = 15
export const MIN_ROTATE_SECONDS = 5
export const MAX_ROTATE_SECONDS = 3_600

export interface RotationSetting {
  readonly intervalMs: number
  /** Why the query parameter was not used, to show on the wall rather than ignore silently. */
  readonly problem?: string
}

export function rotationSetting(rotate: string | null): RotationSetting {
  const fallback = DEFAULT_ROTATE_SECONDS * 1000
  if (rotate === null || rotate.trim() === '') return { intervalMs: fallback }
  const seconds = Number(rotate)
  if (
    !/^\d+$/.test(rotate.trim()) ||
    !Number.isSafeInteger(seconds) ||
    seconds < MIN_ROTATE_SECONDS ||
    seconds > MAX_ROTATE_SECONDS
  ) {
    return {
      intervalMs: fallback,
      problem: `rotate=${rotate.slice(0, 20)} is not a whole number of seconds from ${String(MIN_ROTATE_SECONDS)} to ${String(MAX_ROTATE_SECONDS)}; rotating every ${String(DEFAULT_ROTATE_SECONDS)} s.`,
    }
  }
  return { intervalMs: seconds * 1000 }
}

/** The featured job now: the current one while it is still active, else the first. */
export function keptFeatured(
  jobIds: readonly string[],
  current: string | undefined,
): string | undefined {
  if (current !== undefined && jobIds.includes(current)) return current
  return jobIds[0]
}

/** The job after `current` in the list, wrapping around; the first when `current` is gone. */
export function nextFeatured(
  jobIds: readonly string[],
  current: string | undefined,
): string | undefined {
  if (jobIds.length === 0) return undefined
  const index = current === undefined ? -1 : jobIds.indexOf(current)
  if (index < 0) return jobIds[0]
  return jobIds[(index + 1) % jobIds.length]
}
