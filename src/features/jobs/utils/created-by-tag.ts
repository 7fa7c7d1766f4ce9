/**
 * Fleetdeck's jobs carry who made them as a `createdBy` tag (from the
 * signed-in user's name); the jobs list reads it back with
 * ListTagsForResource.
 */
export const CREATED_BY_TAG_KEY = 'createdBy'

export interface ResourceTag {
  readonly Key?: string | undefined
  readonly Value?: string | undefined
}

/** The `createdBy` tag's value, or undefined when the job has none (or an empty one). */
export function createdByOf(tags: readonly ResourceTag[]): string | undefined {
  const value = tags.find((tag) => tag.Key === CREATED_BY_TAG_KEY)?.Value
  return value === undefined || value === '' ? undefined : value
}
