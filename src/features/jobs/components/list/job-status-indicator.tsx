import StatusIndicator, {
  type StatusIndicatorProps,
} from '@cloudscape-design/components/status-indicator'

const STATUS_TYPES: Readonly<Record<string, StatusIndicatorProps.Type>> = {
  SCHEDULED: 'pending',
  IN_PROGRESS: 'in-progress',
  COMPLETED: 'success',
  CANCELED: 'stopped',
  DELETION_IN_PROGRESS: 'loading',
}

export interface JobStatusIndicatorProps {
  readonly status: string | undefined
}

/** A job's status as AWS names it; one we do not know is shown as text with a neutral icon. */
export function JobStatusIndicator({ status }: JobStatusIndicatorProps) {
  if (status === undefined) return <>—</>
  return <StatusIndicator type={STATUS_TYPES[status] ?? 'info'}>{status}</StatusIndicator>
}
