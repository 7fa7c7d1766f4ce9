import Header from '@cloudscape-design/components/header'
import Table, { type TableProps } from '@cloudscape-design/components/table'
import { pagedHeaderDescription } from '@/components/header-description.tsx'
import { TableEmptyState } from '@/components/table-empty-state.tsx'
import { RouterLink } from '@/components/router-link.tsx'
import { tokenOf } from '@/components/token-pagination/token-pages.ts'
import { TokenPagination } from '@/components/token-pagination/token-pagination.tsx'
import { useUrlTokenPages } from '@/components/token-pagination/use-url-token-pages.ts'
import { paths } from '@/config/paths.ts'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { useListThingGroups } from '../api/list-thing-groups.ts'
import { ThingGroupDescriptionCell } from './thing-group-description-cell.tsx'
import { ThingGroupKindCell } from './thing-group-kind-cell.tsx'
import { ThingGroupMembersCell } from './thing-group-members-cell.tsx'

interface GroupItem {
  readonly groupName: string
}

const COLUMNS: readonly TableProps.ColumnDefinition<GroupItem>[] = [
  {
    id: 'name',
    header: 'Name',
    cell: ({ groupName }) => (
      <RouterLink href={paths.fleet.group(groupName)}>{groupName}</RouterLink>
    ),
    isRowHeader: true,
  },
  {
    id: 'kind',
    header: 'Type',
    cell: ({ groupName }) => <ThingGroupKindCell thingGroupName={groupName} />,
  },
  {
    id: 'members',
    header: 'Members',
    cell: ({ groupName }) => <ThingGroupMembersCell thingGroupName={groupName} />,
  },
  {
    id: 'description',
    header: 'Description',
    cell: ({ groupName }) => <ThingGroupDescriptionCell thingGroupName={groupName} />,
  },
]

export interface ThingGroupsTableProps {
  /** A prefix already checked by thingGroupPrefixProblem; empty for every group. */
  readonly namePrefixFilter: string
}

/**
 * One ListThingGroups page of groups. The page is in the URL (`?page=`),
 * scoped to the prefix, so Back returns to it and a new prefix starts at
 * page 1.
 */
export function ThingGroupsTable({ namePrefixFilter }: ThingGroupsTableProps) {
  const { pages, setPages, unreachablePage } = useUrlTokenPages({
    scope: `prefix:${namePrefixFilter}`,
  })
  const list = useListThingGroups({ namePrefixFilter, nextToken: tokenOf(pages) })
  const error = list.isError ? awsErrorMessage(list.error, 'load the thing groups') : undefined
  return (
    <Table
      items={list.data?.thingGroups ?? []}
      columnDefinitions={COLUMNS}
      trackBy="groupName"
      loading={list.isPending && !list.isError}
      loadingText="Loading thing groups"
      wrapLines
      header={
        <Header
          description={pagedHeaderDescription(
            [
              'Static groups have members added by hand; dynamic groups hold the things their fleet-index query matches.',
            ],
            { errorMessage: error, hasData: list.data !== undefined, unreachablePage },
          )}
        >
          Thing groups
        </Header>
      }
      empty={
        <TableEmptyState errorMessage={error}>
          {namePrefixFilter === ''
            ? 'There are no thing groups.'
            : `No thing group's name starts with “${namePrefixFilter}”.`}
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
