import Box from '@cloudscape-design/components/box'
import Button from '@cloudscape-design/components/button'
import Container from '@cloudscape-design/components/container'
import Header from '@cloudscape-design/components/header'
import Select, { type SelectProps } from '@cloudscape-design/components/select'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, type ReactNode } from 'react'
import { useSearchParams } from 'react-router'
import {
  isJobExecutionStatus,
  JOB_EXECUTION_STATUSES,
  type JobExecutionStatus,
} from '@domain/job-execution-status.ts'
import { totalOf, type ExecutionCounts } from '@domain/job-monitoring/execution-counts.ts'
import { InlineError } from '@/components/inline-error.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import {
  useJobExecutions,
  type ExecutionRow as Row,
} from '../../api/list-job-executions-for-job.ts'
import { ExecutionRow } from './execution-row.tsx'
import { STATUS_LABELS } from '@/components/execution-status-labels.ts'
import styles from './executions-table.module.css'

const ROW_HEIGHT = 44
/** Ask for the next page when the view comes this close to the last loaded row. */
const PREFETCH_ROWS = 30

const ALL: SelectProps.Option = { value: '', label: 'All statuses' }
const STATUS_OPTIONS: SelectProps.Option[] = [
  ALL,
  ...JOB_EXECUTION_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] })),
]

export interface ExecutionsTableProps {
  readonly jobId: string
  readonly counts: ExecutionCounts | undefined
  readonly revertedThingNames: ReadonlySet<string>
  readonly rowAction: (row: Row, status: JobExecutionStatus | undefined) => ReactNode
}

const number = new Intl.NumberFormat()

/**
 * Every device's execution, a page of ListJobExecutionsForJob at a time as
 * the person scrolls; only the rows on screen are in the DOM, so 100,000
 * executions scroll as smoothly as ten. The status filter is in the URL.
 */
export function ExecutionsTable({
  jobId,
  counts,
  revertedThingNames,
  rowAction,
}: ExecutionsTableProps) {
  const [searchParams, setSearchParams] = useSearchParams()
  const statusParam = searchParams.get('status') ?? ''
  const status: JobExecutionStatus | undefined = isJobExecutionStatus(statusParam)
    ? statusParam
    : undefined
  const executions = useJobExecutions(jobId, status)
  const rows = executions.data?.pages.flatMap((page) => page.rows) ?? []
  const hasMore = executions.hasNextPage
  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: rows.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  })
  const items = virtualizer.getVirtualItems()
  const lastIndex = items.at(-1)?.index ?? 0
  const { fetchNextPage, isFetchingNextPage, isFetchNextPageError } = executions
  // A failed page is not asked again by itself (that would loop at request
  // speed on AccessDenied or a dead network): the loader row offers a retry.
  useEffect(() => {
    if (
      hasMore &&
      !isFetchingNextPage &&
      !isFetchNextPageError &&
      lastIndex >= rows.length - PREFETCH_ROWS
    )
      void fetchNextPage()
  }, [hasMore, isFetchingNextPage, isFetchNextPageError, lastIndex, rows.length, fetchNextPage])

  const expected =
    counts === undefined ? undefined : status === undefined ? totalOf(counts) : counts[status]
  const selected = STATUS_OPTIONS.find((option) => option.value === (status ?? '')) ?? ALL

  return (
    <Container
      disableContentPaddings
      header={
        <Header
          variant="h2"
          counter={expected === undefined ? undefined : `(${number.format(expected)})`}
          description={`${number.format(rows.length)} loaded${hasMore ? ', more as you scroll' : ''}. Details are read for the rows on screen.`}
          actions={
            <Select
              selectedOption={selected}
              options={STATUS_OPTIONS}
              ariaLabel="Filter executions by status"
              onChange={({ detail }) => {
                setSearchParams(
                  (current) => {
                    const next = new URLSearchParams(current)
                    if (detail.selectedOption.value) next.set('status', detail.selectedOption.value)
                    else next.delete('status')
                    return next
                  },
                  { replace: true },
                )
                scrollRef.current?.scrollTo({ top: 0 })
              }}
            />
          }
        >
          Executions
        </Header>
      }
    >
      {executions.isError ? (
        <Box padding="m">
          <InlineError message={awsErrorMessage(executions.error, 'list the executions')} />
        </Box>
      ) : null}
      <div role="table" aria-label="Executions" aria-rowcount={expected}>
        <div role="row" className={`${styles.row} ${styles.header}`}>
          {['Thing', 'Status', 'Details', 'Last updated', 'Attempt', ''].map((title, index) => (
            <div key={index} role="columnheader" className={styles.cell}>
              {title}
            </div>
          ))}
        </div>
        <div
          ref={scrollRef}
          className={styles.scroll}
          data-testid="executions-scroll"
          // Scrollable by keyboard too.
          tabIndex={0}
          aria-label="Executions, scrollable"
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index]
              const style = {
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                height: item.size,
                transform: `translateY(${String(item.start)}px)`,
              } as const
              if (row === undefined)
                return (
                  <div key="loader" role="row" className={styles.row} style={style}>
                    <div role="cell">
                      {isFetchNextPageError ? (
                        <Button variant="inline-link" onClick={() => void fetchNextPage()}>
                          Loading more failed: try again
                        </Button>
                      ) : (
                        <StatusIndicator type="loading">Loading more executions</StatusIndicator>
                      )}
                    </div>
                  </div>
                )
              return (
                <ExecutionRow
                  // Retries and continuous jobs list one row per attempt.
                  key={`${row.thingName}#${String(row.executionNumber ?? item.index)}`}
                  jobId={jobId}
                  row={row}
                  index={item.index}
                  reverted={revertedThingNames.has(row.thingName)}
                  style={style}
                  action={(status) => rowAction(row, status)}
                />
              )
            })}
          </div>
          {executions.isPending ? (
            <Box padding="m">
              <StatusIndicator type="loading">Loading executions</StatusIndicator>
            </Box>
          ) : rows.length === 0 && !executions.isError ? (
            <Box padding="m" textAlign="center" color="text-body-secondary">
              {status === undefined
                ? 'No executions yet'
                : `No ${STATUS_LABELS[status].toLowerCase()} executions`}
            </Box>
          ) : null}
        </div>
      </div>
    </Container>
  )
}
