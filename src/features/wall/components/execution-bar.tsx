import type { JobExecutionStatus } from '@domain/job-execution-status.ts'
import type { ExecutionCounts } from '@domain/job-monitoring/execution-counts.ts'
import { totalOf } from '@domain/job-monitoring/execution-counts.ts'
import { STATUS_COLORS, STATUS_LABELS } from '@/components/execution-status-labels.ts'
import styles from './wall.module.css'

/** As the job page's chart stacks them: done first, still to come last. */
const BAR_ORDER: readonly JobExecutionStatus[] = [
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'REJECTED',
  'CANCELED',
  'REMOVED',
  'IN_PROGRESS',
  'QUEUED',
]
const STOPPED_COLOR = '#5f6b7a'

export interface ExecutionBarProps {
  readonly counts: ExecutionCounts
  readonly label: string
  readonly thick?: boolean
}

/** A job's executions as one bar split by status: progress and failures at a glance. */
export function ExecutionBar({ counts, label, thick = false }: ExecutionBarProps) {
  const total = Math.max(1, totalOf(counts))
  const shown = BAR_ORDER.filter((status) => counts[status] > 0)
  return (
    <div
      className={thick ? `${styles.bar} ${styles.thickBar}` : styles.bar}
      role="img"
      aria-label={`${label}: ${shown.map((status) => `${String(counts[status])} ${STATUS_LABELS[status].toLowerCase()}`).join(', ') || 'no executions yet'}`}
    >
      {shown.map((status) => (
        <div
          key={status}
          className={styles.segment}
          style={{
            width: `${String((counts[status] / total) * 100)}%`,
            background: STATUS_COLORS[status] ?? STOPPED_COLOR,
          }}
        />
      ))}
    </div>
  )
}
