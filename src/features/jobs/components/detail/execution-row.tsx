import Badge from '@cloudscape-design/components/badge'
import Box from '@cloudscape-design/components/box'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react'
import { paths } from '@/config/paths.ts'
import { RouterLink } from '@/components/router-link.tsx'
import { formatDateTime } from '@/lib/format-date-time.ts'
import { useJobExecutionDescription } from '../../api/describe-job-execution.ts'
import type { JobExecutionStatus } from '@domain/job-execution-status.ts'
import type { ExecutionRow as Row } from '../../api/list-job-executions-for-job.ts'
import { STATUS_INDICATORS, STATUS_LABELS } from '@/components/execution-status-labels.ts'
import styles from './executions-table.module.css'
import { statusDetailsText } from './status-details-text.ts'

/** A row must stay on screen this long before its statusDetails are read (a fast scroll reads nothing). */
export const DESCRIBE_AFTER_MS = 400

export interface ExecutionRowProps {
  readonly jobId: string
  readonly row: Row
  readonly reverted: boolean
  readonly style: CSSProperties
  readonly index: number
  /** The row's action, given the freshest status known (described beats listed). */
  readonly action: (status: JobExecutionStatus | undefined) => ReactNode
}

export function ExecutionRow({ jobId, row, reverted, style, index, action }: ExecutionRowProps) {
  const [settled, setSettled] = useState(false)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(true), DESCRIBE_AFTER_MS)
    return () => clearTimeout(timer)
  }, [])
  // A queued execution has reported nothing yet.
  const described = useJobExecutionDescription(
    jobId,
    row.thingName,
    settled && row.status !== 'QUEUED',
  )
  const status = described.data?.status ?? row.status
  const details =
    described.data === undefined ? undefined : statusDetailsText(described.data.statusDetails)
  return (
    <div
      role="row"
      className={styles.row}
      style={style}
      aria-rowindex={index + 2}
      data-testid="execution-row"
      data-thing={row.thingName}
    >
      <div role="cell" className={styles.cell}>
        <RouterLink href={paths.fleet.thing(row.thingName)}>{row.thingName}</RouterLink>
      </div>
      <div role="cell" className={styles.cell}>
        {status === undefined ? (
          '—'
        ) : (
          <StatusIndicator type={STATUS_INDICATORS[status]}>
            {STATUS_LABELS[status]}
          </StatusIndicator>
        )}{' '}
        {reverted ? (
          <span title="The execution succeeded, but the device now reports another version">
            <Badge color="severity-medium">reverted</Badge>
          </span>
        ) : null}
      </div>
      {/* Device-reported text, rendered as text (React escapes it), never as markup. */}
      <div role="cell" className={styles.cell} title={details} data-testid="execution-details">
        {described.isError ? (
          <Box color="text-status-error" variant="small">
            Details could not be read
          </Box>
        ) : (
          (details ?? (row.status === 'QUEUED' ? '' : '…'))
        )}
      </div>
      <div role="cell" className={styles.cell}>
        {formatDateTime(row.lastUpdatedAt)}
      </div>
      <div role="cell" className={styles.cell}>
        {row.retryAttempt === undefined || row.retryAttempt === 0
          ? ''
          : `retry ${String(row.retryAttempt)}`}
      </div>
      <div role="cell" className={styles.cell}>
        {action(status)}
      </div>
    </div>
  )
}
