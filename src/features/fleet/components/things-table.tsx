import Box from '@cloudscape-design/components/box'
import Header from '@cloudscape-design/components/header'
import Table, { type TableProps } from '@cloudscape-design/components/table'
import type { ReactNode } from 'react'
import { pagedHeaderDescription } from '@/components/header-description.tsx'
import { InlineError } from '@/components/inline-error.tsx'
import { TableEmptyState } from '@/components/table-empty-state.tsx'
import { RouterLink } from '@/components/router-link.tsx'
import { tokenOf } from '@/components/token-pagination/token-pages.ts'
import { TokenPagination } from '@/components/token-pagination/token-pagination.tsx'
import { useUrlTokenPages } from '@/components/token-pagination/use-url-token-pages.ts'
import { paths } from '@/config/paths.ts'
import { fleetIndexErrorMessage } from '../utils/fleet-index-error-message.ts'
import { useStatistics } from '../api/get-statistics.ts'
import { useSearchIndex } from '../api/search-index.ts'
import type { ThingRow } from '../utils/thing-row.ts'
import { ConnectivityStatus } from './connectivity-status.tsx'
import { GroupLinks } from './group-links.tsx'

export interface ThingsTableProps {
  /** A query already checked by fleetSearchQuery (or built by thingGroupQuery). */
  readonly queryString: string
  readonly title?: string
  readonly description?: ReactNode
  readonly actions?: ReactNode
  readonly variant?: TableProps.Variant
}

const COLUMNS: readonly TableProps.ColumnDefinition<ThingRow>[] = [
  {
    id: 'thingName',
    header: 'Name',
    cell: (thing) => (
      <RouterLink href={paths.fleet.thing(thing.thingName)}>{thing.thingName}</RouterLink>
    ),
    isRowHeader: true,
  },
  { id: 'model', header: 'Model', cell: (thing) => thing.model ?? '—' },
  {
    id: 'version',
    header: 'Firmware version',
    // Not the word "unknown": a device may report that very text as its version.
    cell: (thing) => thing.firmwareVersion ?? <Box color="text-status-inactive">Not reported</Box>,
  },
  {
    id: 'connectivity',
    header: 'Connectivity',
    cell: (thing) => <ConnectivityStatus connectivity={thing.connectivity} />,
  },
  {
    id: 'groups',
    header: 'Groups',
    cell: (thing) => <GroupLinks thingGroupNames={thing.thingGroupNames} limit={3} />,
  },
]

/**
 * Things matching a fleet-index query, a SearchIndex page at a time, with
 * the total from one GetStatistics. The page is in the URL (`?page=`, see
 * useUrlTokenPages), scoped to the query, so Back returns to it and a new
 * query starts again at page 1.
 */
export function ThingsTable({
  queryString,
  title = 'Things',
  description,
  actions,
  variant,
}: ThingsTableProps) {
  const { pages, setPages, unreachablePage } = useUrlTokenPages({ scope: queryString })
  const search = useSearchIndex({ queryString, nextToken: tokenOf(pages) })
  const total = useStatistics(queryString)
  const nextToken = search.data?.nextToken
  const error = search.isError ? fleetIndexErrorMessage(search.error, 'load the things') : undefined
  return (
    <Table
      {...(variant === undefined ? {} : { variant })}
      items={search.data?.things ?? []}
      columnDefinitions={COLUMNS}
      trackBy="thingName"
      loading={search.isPending && !search.isError}
      loadingText="Loading things"
      wrapLines
      header={
        <Header
          counter={total.data === undefined ? undefined : `(${total.data})`}
          description={pagedHeaderDescription(
            [
              description,
              total.isError ? (
                <InlineError
                  message={fleetIndexErrorMessage(total.error, 'count the things')}
                  stale={total.data !== undefined}
                />
              ) : null,
            ],
            { errorMessage: error, hasData: search.data !== undefined, unreachablePage },
          )}
          actions={actions}
        >
          {title}
        </Header>
      }
      empty={
        <TableEmptyState errorMessage={error}>
          <b>No things</b>
          <Box variant="p" color="inherit">
            No thing in the fleet index matches these filters.
          </Box>
        </TableEmptyState>
      }
      pagination={
        <TokenPagination
          pages={pages}
          onChange={setPages}
          nextToken={nextToken}
          disabled={search.isFetching}
        />
      }
    />
  )
}
