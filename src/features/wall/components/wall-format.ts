/** Whole numbers with the reader's digit grouping: 10,000 reads faster than 10000 across a room. */
export const formatCount = (count: number): string => count.toLocaleString()

/** A time of day to the minute, or to the second where events are compared. */
export const formatClock = (atMs: number, withSeconds = false): string =>
  new Date(atMs).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
  })
