import { globalTimers, type Timers } from './timers.ts'

/**
 * Hands items over in batches, at most once per interval: a job sending a
 * thousand events a second re-renders its page four times a second, not a
 * thousand. The first item after a quiet interval goes out on the next turn
 * of the event loop (with whatever arrived in the same burst), so a lone
 * event is not held back.
 */
export const BATCH_INTERVAL_MS = 250

export interface Batcher<T> {
  readonly add: (item: T) => void
  /** Drops what is waiting and stops. */
  readonly dispose: () => void
}

export function createBatcher<T>(
  deliver: (items: readonly T[]) => void,
  {
    intervalMs = BATCH_INTERVAL_MS,
    now = Date.now,
    timers = globalTimers,
  }: { intervalMs?: number; now?: () => number; timers?: Timers } = {},
): Batcher<T> {
  let waiting: T[] = []
  let timer: unknown
  let lastFlushMs = Number.NEGATIVE_INFINITY
  let disposed = false

  const flush = () => {
    timer = undefined
    lastFlushMs = now()
    const items = waiting
    waiting = []
    if (items.length > 0) deliver(items)
  }

  return {
    add: (item) => {
      if (disposed) return
      waiting.push(item)
      if (timer !== undefined) return
      timer = timers.setTimeout(flush, Math.max(0, lastFlushMs + intervalMs - now()))
    },
    dispose: () => {
      disposed = true
      waiting = []
      if (timer !== undefined) timers.clearTimeout(timer)
      timer = undefined
    },
  }
}
