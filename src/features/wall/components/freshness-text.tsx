import type { Freshness } from '../utils/freshness.ts'
import styles from './wall.module.css'

export interface FreshnessTextProps {
  readonly freshness: Freshness
}

/**
 * "updated 12 s ago" in a panel's corner; a warning once the panel has
 * missed its refreshes. `data-state` and `data-updated-at` (epoch ms) are
 * for end-to-end tests.
 */
export function FreshnessText({ freshness }: FreshnessTextProps) {
  return (
    <span
      className={styles.freshness}
      data-testid="freshness"
      data-state={freshness.state}
      data-updated-at={freshness.updatedAtMs}
    >
      {freshness.state === 'stale' ? `${freshness.text} · not refreshing` : freshness.text}
    </span>
  )
}
