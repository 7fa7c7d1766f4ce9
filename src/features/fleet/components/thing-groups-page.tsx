import Box from '@cloudscape-design/components/box'
import Button from '@cloudscape-design/components/button'
import ContentLayout from '@cloudscape-design/components/content-layout'
import FormField from '@cloudscape-design/components/form-field'
import Header from '@cloudscape-design/components/header'
import Input from '@cloudscape-design/components/input'
import SpaceBetween from '@cloudscape-design/components/space-between'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import Table, { type TableProps } from '@cloudscape-design/components/table'
import { useState, type FormEvent } from 'react'
import { useSearchParams } from 'react-router'
import { paths } from '@/config/paths.ts'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { identifierProblem, THING_GROUP_NAME_RULE } from '@domain/identifiers.ts'
import { useListThingGroups } from '../api/list-thing-groups.ts'
import { RouterLink } from '@/components/router-link.tsx'
import {
  ThingGroupDescriptionCell,
  ThingGroupKindCell,
  ThingGroupMembersCell,
} from './thing-group-cells.tsx'
import { FIRST_PAGE, tokenOf } from '@/components/token-pagination/token-pages.ts'
import { TokenPagination } from '@/components/token-pagination/token-pagination.tsx'

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

/** A name prefix may be any beginning of a group name, so only the characters are checked. */
function prefixProblem(prefix: string): string | undefined {
  if (prefix === '') return undefined
  return identifierProblem({ ...THING_GROUP_NAME_RULE, label: 'Name prefix' }, prefix)
}

interface GroupsTableProps {
  readonly namePrefixFilter: string
}

/** One page of groups; keyed by the prefix so a new prefix starts at page 1. */
function GroupsTable({ namePrefixFilter }: GroupsTableProps) {
  const [pages, setPages] = useState(FIRST_PAGE)
  const list = useListThingGroups({ namePrefixFilter, nextToken: tokenOf(pages) })
  return (
    <Table
      items={list.data?.thingGroups ?? []}
      columnDefinitions={COLUMNS}
      trackBy="groupName"
      loading={list.isPending && !list.isError}
      loadingText="Loading thing groups"
      wrapLines
      header={
        <Header description="Static groups have members added by hand; dynamic groups hold the things their fleet-index query matches.">
          Thing groups
        </Header>
      }
      empty={
        list.isError ? (
          <StatusIndicator type="error">
            {awsErrorMessage(list.error, 'load the thing groups')}
          </StatusIndicator>
        ) : (
          <Box textAlign="center" color="inherit">
            {namePrefixFilter === ''
              ? 'There are no thing groups.'
              : `No thing group's name starts with “${namePrefixFilter}”.`}
          </Box>
        )
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

interface PrefixFormProps {
  readonly value: string
  readonly errorText: string | undefined
  readonly onSearch: (prefix: string) => void
}

function PrefixForm({ value, errorText, onSearch }: PrefixFormProps) {
  const [draft, setDraft] = useState(value)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSearch(draft.trim())
  }
  return (
    <form onSubmit={submit} aria-label="Filter thing groups">
      <FormField label="Name starts with" errorText={errorText} stretch>
        <SpaceBetween direction="horizontal" size="xs">
          <Input
            value={draft}
            type="search"
            placeholder="line-"
            onChange={({ detail }) => setDraft(detail.value)}
          />
          <Button formAction="submit">Filter</Button>
        </SpaceBetween>
      </FormField>
    </form>
  )
}

/**
 * `/fleet/groups`: thing groups, static and dynamic, with their type (and a
 * dynamic group's query) and member count; `?name=` filters by name prefix.
 */
export function ThingGroupsPage() {
  const [searchParams, setSearchParams] = useSearchParams()
  const prefix = searchParams.get('name')?.trim() ?? ''
  const problem = prefixProblem(prefix)
  const search = (next: string) => {
    const params = new URLSearchParams()
    if (next !== '') params.set('name', next)
    setSearchParams(params)
  }
  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Groups of devices, with member counts from the fleet index."
        >
          Thing groups
        </Header>
      }
    >
      <SpaceBetween size="l">
        <PrefixForm key={prefix} value={prefix} errorText={problem} onSearch={search} />
        {problem === undefined ? <GroupsTable key={prefix} namePrefixFilter={prefix} /> : null}
      </SpaceBetween>
    </ContentLayout>
  )
}
