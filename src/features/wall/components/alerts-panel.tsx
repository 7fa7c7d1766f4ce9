import type { Freshness } from '../utils/freshness.ts'
import { wallAlertText, type WallAlert } from '../utils/wall-alerts.ts'
import { FreshnessText } from './freshness-text.tsx'
import styles from './wall.module.css'

export interface AlertsPanelProps {
  readonly alerts: readonly WallAlert[]
  readonly freshness: Freshness
}

/**
 * The shown rollouts' open alerts, worst first (utils/wall-alerts.ts): they
 * follow the same counters as the rollouts, and are as fresh.
 */
export function AlertsPanel({ alerts, freshness }: AlertsPanelProps) {
  return (
    <section
      className={styles.panel}
      aria-labelledby="wall-alerts-title"
      data-testid="wall-alerts"
      data-count={alerts.length}
    >
      <div className={styles.panelHeader}>
        <h2 id="wall-alerts-title" className={styles.panelTitle}>
          Open alerts{alerts.length > 0 ? ` (${String(alerts.length)})` : ''}
        </h2>
        <FreshnessText freshness={freshness} />
      </div>
      {alerts.length === 0 ? (
        <span className={styles.ok}>✓ No open alert</span>
      ) : (
        <ul className={styles.items}>
          {alerts.map(({ jobId, alert }) => (
            <li key={`${jobId}:${alert.kind}`} className={styles.alert} data-testid="wall-alert">
              <div className={`${styles.alertJob} ${styles.ellipsis}`}>{jobId}</div>
              <div>{wallAlertText(alert)}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
