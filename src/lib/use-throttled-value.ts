import { useEffect, useRef, useState } from 'react'

/**
 * The value, changing at most once per `intervalMs` (the latest value wins
 * at the end of each interval: every change re-arms the timer with what is
 * left of the interval, so the newest value is the one shown). Charts redraw their SVG on every change;
 * under a thousand events a second this keeps the main thread free.
 */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value)
  const lastShownAt = useRef(0)
  useEffect(() => {
    if (Object.is(value, shown)) return
    const wait = lastShownAt.current + intervalMs - Date.now()
    const timer = setTimeout(
      () => {
        lastShownAt.current = Date.now()
        setShown(value)
      },
      Math.max(0, wait),
    )
    return () => clearTimeout(timer)
  }, [value, shown, intervalMs])
  return shown
}
