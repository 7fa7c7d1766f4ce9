/**
 * The event ids seen lately, to drop duplicates: AWS IoT delivers job events
 * at least once, and while a connection is replaced (make-before-break) both
 * sockets receive the same events. Bounded, forgetting the least recently
 * seen first: duplicates arrive within seconds of the original, and a page
 * open for days must not grow without limit.
 */
export interface RecentIds {
  /** True the first time an id is seen (and remembers it), false for a duplicate. */
  readonly isNew: (id: string) => boolean
  readonly size: () => number
}

export function createRecentIds(capacity: number): RecentIds {
  // A Map iterates in insertion order: re-inserting makes an id the most recent.
  const seen = new Map<string, true>()
  return {
    isNew: (id) => {
      const known = seen.delete(id)
      seen.set(id, true)
      if (seen.size > capacity) {
        const oldest = seen.keys().next()
        if (oldest.done !== true) seen.delete(oldest.value)
      }
      return !known
    },
    size: () => seen.size,
  }
}
