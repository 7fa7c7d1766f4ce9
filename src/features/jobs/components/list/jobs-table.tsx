import Box from '@cloudscape-design/components/box'
import Header from '@cloudscape-design/components/header'
import Table, { type TableProps } from '@cloudscape-design/components/table'
import type { ReactNode } from 'react'
import { pagedHeaderDescription } from '@/components/header-description.tsx'
import { TableEmptyState } from '@/components/table-empty-state.tsx'
import { tokenOf } from '@/components/token-pagination/token-pages.ts'
import { TokenPagination } from '@/components/token-pagination/token-pagination.tsx'
import { useUrlTokenPages } from '@/components/token-pagination/use-url-token-pages.ts'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { formatDateTime } from '@/lib/format-date-time.ts'
import { useListJobs, type JobSummaryRow } from '../../api/list-jobs.ts'
import type { JobsListFilters } from '../../utils/jobs-list-filters.ts'
import { JobIdText } from '../job-id-text.tsx'
import { JobCreatedByCell } from './job-created-by-cell.tsx'
import { JobOperationCell } from './job-operation-cell.tsx'
import { JobProgressCell } from './job-progress-cell.tsx'
import { JobStatusIndicator } from './job-status-indicator.tsx'
import { JobTargetsCell } from './job-targets-cell.tsx'

// Cells that need DescribeJob or GetJobDocument are components of their own:
// only rows on the visible page mount, so only they call AWS, and the cells
// of one row share one DescribeJob through the query cache.
const COLUMNS: readonly TableProps.ColumnDefinition<JobSummaryRow>[] = [
  {
    id: 'jobId',
    header: 'Job ID',
    cell: ({ jobId }) => <JobIdText jobId={jobId} />,
    isRowHeader: true,
  },
  { id: 'status', header: 'Status', cell: ({ status }) => <JobStatusIndicator status={status} /> },
  {
    id: 'targets',
    header: 'Target',
    cell: ({ jobId, targetSelection }) => (
      <JobTargetsCell jobId={jobId} targetSelection={targetSelection} />
    ),
  },
  { id: 'operation', header: 'Operation', cell: ({ jobId }) => <JobOperationCell jobId={jobId} /> },
  {
    id: 'progress',
    header: 'Progress',
    cell: ({ jobId }) => <JobProgressCell jobId={jobId} />,
    minWidth: 200,
  },
  {
    id: 'createdBy',
    header: 'Created by',
    cell: ({ jobId, jobArn }) =>
      jobArn === undefined ? (
        <Box color="text-body-secondary">—</Box>
      ) : (
        <JobCreatedByCell jobId={jobId} jobArn={jobArn} />
      ),
  },
  { id: 'createdAt', header: 'Created', cell: ({ createdAt }) => formatDateTime(createdAt) },
]

export interface JobsTableProps {
  /** Filters already checked by jobsListFiltersFrom. */
  readonly filters: JobsListFilters
  readonly actions?: ReactNode
}

/** One ListJobs page; the page is in the URL (`?page=`), scoped to the filters. */
export function JobsTable({ filters, actions }: JobsTableProps) {
  const { status, targetSelection, thingGroupName } = filters
  const { pages, setPages, unreachablePage } = useUrlTokenPages({
    scope: `jobs:${status ?? ''}:${targetSelection ?? ''}:${thingGroupName ?? ''}`,
  })
  const list = useListJobs({ status, targetSelection, thingGroupName, nextToken: tokenOf(pages) })
  const error = list.isError ? awsErrorMessage(list.error, 'load the jobs') : undefined
  const filtered =
    status !== undefined || targetSelection !== undefined || thingGroupName !== undefined
  return (
    <Table
      items={list.data?.jobs ?? []}
      columnDefinitions={COLUMNS}
      trackBy="jobId"
      loading={list.isPending && !list.isError}
      loadingText="Loading jobs"
      wrapLines
      header={
        <Header
          actions={actions}
          description={pagedHeaderDescription(
            [
              'Newest first. Progress counts devices whose execution has finished, from the job’s counters.',
            ],
            { errorMessage: error, hasData: list.data !== undefined, unreachablePage },
          )}
        >
          Jobs
        </Header>
      }
      empty={
        <TableEmptyState errorMessage={error}>
          {filtered ? 'No job matches these filters.' : 'There are no jobs yet.'}
        </TableEmptyState>
      }
      pagination={
        <TokenPagination
          pages={pages}
          onChange={setPages}
          nextToken={list.data?.nextToken}
          disabled={list.isFetching}
        />
      }
    />
  )
}
