import type { LiveStatus } from '@/lib/live/live-status.ts'
import type { Freshness } from '../utils/freshness.ts'
import type { FailureStatus, RecentFailure } from '../utils/recent-failures.ts'
import { FreshnessText } from './freshness-text.tsx'
import styles from './wall.module.css'
import { formatClock } from './wall-format.ts'

export interface FailuresPanelProps {
  readonly failures: readonly RecentFailure[]
  readonly liveStatus: LiveStatus
  /** When the wall started listening: failures before it are not listed. */
  readonly sinceMs: number
}

const STATUS_TEXT: Readonly<Record<FailureStatus, string>> = {
  FAILED: 'Failed',
  REJECTED: 'Rejected',
  TIMED_OUT: 'Timed out',
}

/** Events are the only source of this list: it is as fresh as the connection that pushes them. */
function eventsFreshness(liveStatus: LiveStatus): Freshness {
  const unknownAge = { updatedAtMs: undefined, ageMs: undefined }
  if (liveStatus === 'live') return { ...unknownAge, state: 'fresh', text: 'pushed live' }
  if (liveStatus === 'connecting') return { ...unknownAge, state: 'waiting', text: 'connecting' }
  return { ...unknownAge, state: 'stale', text: 'events paused' }
}

/**
 * Executions of any job that ended failed, rejected or timed out, newest
 * first, as their job events arrived. Thing names and reasons are what
 * devices reported: drawn as text, never as markup or links.
 */
export function FailuresPanel({ failures, liveStatus, sinceMs }: FailuresPanelProps) {
  return (
    <section
      className={styles.panel}
      aria-labelledby="wall-failures-title"
      data-testid="wall-failures"
      data-count={failures.length}
    >
      <div className={styles.panelHeader}>
        <h2 id="wall-failures-title" className={styles.panelTitle}>
          Recent failures
        </h2>
        <FreshnessText freshness={eventsFreshness(liveStatus)} />
      </div>
      {liveStatus === 'polling' ? (
        <span className={styles.muted}>
          Failures while events are paused are counted in the rollouts, not listed here.
        </span>
      ) : null}
      {failures.length === 0 ? (
        <span className={styles.empty}>No failure since {formatClock(sinceMs)}</span>
      ) : (
        <ul className={styles.items}>
          {failures.map((failure) => (
            <li key={failure.eventId} className={styles.failure} data-testid="wall-failure">
              <div className={styles.failureHead}>
                <span className={styles.ellipsis}>{failure.thingName}</span>
                <span>{STATUS_TEXT[failure.status]}</span>
              </div>
              <div className={`${styles.failureReason} ${styles.ellipsis}`}>{failure.reason}</div>
              <div className={`${styles.failureMeta} ${styles.ellipsis}`}>
                {failure.jobId} · {formatClock(failure.receivedAtMs, true)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
