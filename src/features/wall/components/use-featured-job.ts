import { useEffect, useState } from 'react'
import { keptFeatured, nextFeatured } from '../utils/rotation.ts'

/**
 * The job the wall features, turning to the next active job every
 * `intervalMs` while there are several (utils/rotation.ts). The timer
 * restarts when the list changes, so a new job does not cut a turn short
 * for the one on screen by more than one interval.
 */
export function useFeaturedJob(jobIds: readonly string[], intervalMs: number): string | undefined {
  const [current, setCurrent] = useState<string | undefined>(undefined)
  const key = jobIds.join('\n')
  useEffect(() => {
    const ids = key === '' ? [] : key.split('\n')
    if (ids.length < 2) return
    const timer = setInterval(
      () => setCurrent((featured) => nextFeatured(ids, keptFeatured(ids, featured))),
      intervalMs,
    )
    return () => clearInterval(timer)
  }, [key, intervalMs])
  return keptFeatured(jobIds, current)
}
