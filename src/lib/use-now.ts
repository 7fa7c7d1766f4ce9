import { useEffect, useState } from 'react'

/** The current time, re-read every `intervalMs` while `ticking`; frozen otherwise. */
export function useNow(intervalMs: number, ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!ticking) return
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs, ticking])
  return now
}
