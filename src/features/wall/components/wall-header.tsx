import type { LiveStatus } from '@/lib/live/live-status.ts'
import styles from './wall.module.css'
import { formatClock } from './wall-format.ts'

export interface WallHeaderProps {
  readonly nowMs: number
  readonly username: string
  readonly liveStatus: LiveStatus
  /** A query parameter the wall could not use, said where someone setting it up will see it. */
  readonly notice: string | undefined
}

const LIVE_TEXT: Readonly<Record<LiveStatus, string>> = {
  live: 'Live',
  polling: 'Polling',
  connecting: 'Connecting…',
}

/**
 * The title, the time, and whether the wall moves by itself: "Live" while
 * job events are pushed, "Polling" while it re-reads on a timer instead
 * (and retries the connection). `data-testid="live-indicator"` and
 * `data-state` as on the job page, for end-to-end tests.
 */
export function WallHeader({ nowMs, username, liveStatus, notice }: WallHeaderProps) {
  return (
    <header className={styles.header}>
      <h1 className={styles.title}>
        Fleetdeck <span className={styles.subtitle}>· Fleet status</span>
      </h1>
      {notice === undefined ? null : (
        <span className={`${styles.notice} ${styles.ellipsis}`} role="status">
          {notice}
        </span>
      )}
      <div className={styles.headerEnd}>
        <span className={styles.user}>{username}</span>
        <span
          className={styles.liveStatus}
          data-testid="live-indicator"
          data-state={liveStatus}
          role="status"
        >
          {LIVE_TEXT[liveStatus]}
        </span>
        <time className={styles.clock} dateTime={new Date(nowMs).toISOString()}>
          {formatClock(nowMs)}
        </time>
      </div>
    </header>
  )
}
