import Header from '@cloudscape-design/components/header'
import Link from '@cloudscape-design/components/link'
import Table, { type TableProps } from '@cloudscape-design/components/table'
import { pagedHeaderDescription } from '@/components/header-description.tsx'
import { TableEmptyState } from '@/components/table-empty-state.tsx'
import { RouterLink } from '@/components/router-link.tsx'
import { tokenOf } from '@/components/token-pagination/token-pages.ts'
import { TokenPagination } from '@/components/token-pagination/token-pagination.tsx'
import { useUrlTokenPages } from '@/components/token-pagination/use-url-token-pages.ts'
import { paths } from '@/config/paths.ts'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { formatDateTime } from '@/lib/format-date-time.ts'
import { useListConfigurations, type ConfigurationFile } from '../../api/list-configurations.ts'
import { JobIdText } from '../job-id-text.tsx'

export interface ConfigurationsTableProps {
  readonly prefix: string
  readonly selectedKey: string | undefined
  readonly onSelect: (key: string) => void
}

function columns(
  onSelect: (key: string) => void,
): readonly TableProps.ColumnDefinition<ConfigurationFile>[] {
  return [
    {
      id: 'key',
      header: 'File',
      isRowHeader: true,
      cell: (file) => (
        <Link
          href={paths.configuration({ key: file.key })}
          onFollow={(event) => {
            event.preventDefault()
            onSelect(file.key)
          }}
        >
          {file.key}
        </Link>
      ),
    },
    {
      id: 'source',
      header: 'Source',
      cell: (file) =>
        file.kind === 'upload' ? (
          <>
            Uploaded by{' '}
            <RouterLink href={paths.fleet.thing(file.thingName)}>{file.thingName}</RouterLink> in{' '}
            <JobIdText jobId={file.jobId} />
          </>
        ) : (
          `Model ${file.model}`
        ),
    },
    { id: 'size', header: 'Size', cell: (file) => `${file.size.toLocaleString()} bytes` },
    {
      id: 'lastModified',
      header: 'Last modified',
      cell: (file) => formatDateTime(file.lastModified),
    },
  ]
}

/** One ListObjectsV2 page of configuration files; the page is in the URL (`?page=`), scoped to the prefix. */
export function ConfigurationsTable({ prefix, selectedKey, onSelect }: ConfigurationsTableProps) {
  const { pages, setPages, unreachablePage } = useUrlTokenPages({ scope: `config:${prefix}` })
  const list = useListConfigurations({ prefix, continuationToken: tokenOf(pages) })
  const error = list.isError ? awsErrorMessage(list.error, 'list the configurations') : undefined
  const items = list.data?.files ?? []
  const selected = items.filter((file) => file.key === selectedKey)
  return (
    <Table
      items={items}
      columnDefinitions={columns(onSelect)}
      trackBy="key"
      selectionType="single"
      selectedItems={selected}
      onSelectionChange={({ detail }) => {
        const [file] = detail.selectedItems
        if (file !== undefined) onSelect(file.key)
      }}
      ariaLabels={{
        itemSelectionLabel: (_, file) => `Show ${file.key}`,
        selectionGroupLabel: 'Configuration to show',
      }}
      loading={list.isPending && !list.isError}
      loadingText="Listing configurations"
      wrapLines
      header={
        <Header
          variant="h2"
          description={pagedHeaderDescription(
            [
              'Model configurations (<model>/<name>.json) and device uploads (uploads/<thing>/<job id>.json).',
            ],
            { errorMessage: error, hasData: list.data !== undefined, unreachablePage },
          )}
        >
          Configurations
        </Header>
      }
      empty={
        <TableEmptyState errorMessage={error}>
          {prefix === ''
            ? 'There are no configurations.'
            : `No configuration starts with “${prefix}”.`}
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
