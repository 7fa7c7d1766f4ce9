import Header from '@cloudscape-design/components/header'
import StatusIndicator, {
  type StatusIndicatorProps,
} from '@cloudscape-design/components/status-indicator'
import Table, { type TableProps } from '@cloudscape-design/components/table'
import type { JobExecutionStatus } from '@aws-sdk/client-iot'
import { paths } from '@/config/paths.ts'
import { pagedHeaderDescription } from '@/components/header-description.tsx'
import { RouterLink } from '@/components/router-link.tsx'
import { TableEmptyState } from '@/components/table-empty-state.tsx'
import { tokenOf } from '@/components/token-pagination/token-pages.ts'
import { TokenPagination } from '@/components/token-pagination/token-pagination.tsx'
import { useUrlTokenPages } from '@/components/token-pagination/use-url-token-pages.ts'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import {
  useJobExecutionsForThing,
  type ThingJobExecution,
} from '../api/list-job-executions-for-thing.ts'
import { formatDateTime } from '@/lib/format-date-time.ts'

const STATUS_TYPES: Readonly<Record<JobExecutionStatus, StatusIndicatorProps.Type>> = {
  QUEUED: 'pending',
  IN_PROGRESS: 'in-progress',
  SUCCEEDED: 'success',
  FAILED: 'error',
  TIMED_OUT: 'error',
  REJECTED: 'warning',
  REMOVED: 'stopped',
  CANCELED: 'stopped',
}

const COLUMNS: readonly TableProps.ColumnDefinition<ThingJobExecution>[] = [
  {
    id: 'jobId',
    header: 'Job ID',
    cell: (execution) => (
      <RouterLink href={paths.jobs.detail(execution.jobId)}>{execution.jobId}</RouterLink>
    ),
    isRowHeader: true,
  },
  {
    id: 'status',
    header: 'Status',
    cell: (execution) =>
      execution.status === undefined ? (
        '—'
      ) : (
        <StatusIndicator type={STATUS_TYPES[execution.status]}>{execution.status}</StatusIndicator>
      ),
  },
  {
    id: 'executionNumber',
    header: 'Execution',
    cell: (execution) => execution.executionNumber?.toString() ?? '—',
  },
  { id: 'queuedAt', header: 'Queued', cell: (execution) => formatDateTime(execution.queuedAt) },
  { id: 'startedAt', header: 'Started', cell: (execution) => formatDateTime(execution.startedAt) },
  {
    id: 'lastUpdatedAt',
    header: 'Last updated',
    cell: (execution) => formatDateTime(execution.lastUpdatedAt),
  },
]

export interface ThingJobHistoryProps {
  readonly thingName: string
}

/**
 * Every job execution on the thing, newest first as AWS lists them, a page
 * at a time; the page is in the URL (`?page=`), scoped to the thing.
 */
export function ThingJobHistory({ thingName }: ThingJobHistoryProps) {
  const { pages, setPages, unreachablePage } = useUrlTokenPages({ scope: thingName })
  const history = useJobExecutionsForThing(thingName, tokenOf(pages))
  const error = history.isError ? awsErrorMessage(history.error, 'load the job history') : undefined
  return (
    <Table
      items={history.data?.executions ?? []}
      columnDefinitions={COLUMNS}
      trackBy={(execution) => `${execution.jobId}#${execution.executionNumber ?? ''}`}
      loading={history.isPending && !history.isError}
      loadingText="Loading job history"
      header={
        <Header
          variant="h2"
          description={pagedHeaderDescription(
            ['Jobs that targeted this device (ListJobExecutionsForThing).'],
            { errorMessage: error, hasData: history.data !== undefined, unreachablePage },
          )}
        >
          Job history
        </Header>
      }
      empty={
        <TableEmptyState errorMessage={error}>No job has targeted this device.</TableEmptyState>
      }
      pagination={
        <TokenPagination
          pages={pages}
          onChange={setPages}
          nextToken={history.data?.nextToken}
          disabled={history.isFetching}
        />
      }
    />
  )
}
