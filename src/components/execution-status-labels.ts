import type { StatusIndicatorProps } from '@cloudscape-design/components/status-indicator'
import type { JobExecutionStatus } from '@domain/job-execution-status.ts'

/** Execution statuses in words, and the indicator each is shown with. */
export const STATUS_LABELS: Readonly<Record<JobExecutionStatus, string>> = {
  QUEUED: 'Queued',
  IN_PROGRESS: 'In progress',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  TIMED_OUT: 'Timed out',
  REJECTED: 'Rejected',
  REMOVED: 'Removed',
  CANCELED: 'Canceled',
}

export const STATUS_INDICATORS: Readonly<Record<JobExecutionStatus, StatusIndicatorProps.Type>> = {
  QUEUED: 'pending',
  IN_PROGRESS: 'in-progress',
  SUCCEEDED: 'success',
  FAILED: 'error',
  TIMED_OUT: 'warning',
  REJECTED: 'error',
  REMOVED: 'stopped',
  CANCELED: 'stopped',
}

/**
 * Status colours from Cloudscape's chart palette, so failed reads red and
 * succeeded green in both modes (charts and bars); the rest take the
 * chart's own palette.
 */
export const STATUS_COLORS: Partial<Record<JobExecutionStatus, string>> = {
  SUCCEEDED: '#29ad32',
  FAILED: '#d63f38',
  TIMED_OUT: '#f2a238',
  REJECTED: '#962249',
  IN_PROGRESS: '#688ae8',
  QUEUED: '#8d99a8',
}
