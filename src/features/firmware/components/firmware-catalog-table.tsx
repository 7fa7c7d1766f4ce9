import Alert from '@cloudscape-design/components/alert'
import Box from '@cloudscape-design/components/box'
import Button from '@cloudscape-design/components/button'
import Header from '@cloudscape-design/components/header'
import Pagination from '@cloudscape-design/components/pagination'
import Select, { type SelectProps } from '@cloudscape-design/components/select'
import SpaceBetween from '@cloudscape-design/components/space-between'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import Table, { type TableProps } from '@cloudscape-design/components/table'
import TextFilter from '@cloudscape-design/components/text-filter'
import type { ReactNode } from 'react'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { useFirmwareCatalog } from '../api/list-firmware.ts'
import { useModelNames } from '../hooks/use-model-names.ts'
import { matchesFilterText, type FirmwareCatalogEntry } from '../utils/catalog-entries.ts'
import type { CatalogFilters } from '../utils/catalog-filters.ts'
import { formatBytes } from '../utils/format-bytes.ts'
import { Sha256Text } from './sha256-text.tsx'

const PAGE_SIZE = 25
const ALL_MODELS: SelectProps.Option = { value: '', label: 'All models' }

const uploadedAtFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
})

/** Manifests are read from S3, so every field is shown as text, whatever it holds. */
const COLUMNS: readonly TableProps.ColumnDefinition<FirmwareCatalogEntry>[] = [
  { id: 'model', header: 'Model', cell: (entry) => entry.model },
  { id: 'version', header: 'Version', cell: (entry) => entry.version },
  {
    id: 'size',
    header: 'Size',
    cell: (entry) =>
      entry.kind === 'release' ? (
        <>
          {formatBytes(entry.manifest.size)}
          <Box variant="small" display="block">
            {entry.manifest.size.toLocaleString('en-US')} bytes
          </Box>
        </>
      ) : (
        '-'
      ),
  },
  {
    id: 'sha256',
    header: 'sha256',
    cell: (entry) =>
      entry.kind === 'release' ? <Sha256Text sha256={entry.manifest.sha256} /> : '-',
  },
  {
    id: 'uploadedAt',
    header: 'Uploaded',
    cell: (entry) => {
      if (entry.kind !== 'release') return '-'
      const { uploadedAt, uploadedBy } = entry.manifest
      return (
        <>
          <time dateTime={uploadedAt}>{uploadedAtFormat.format(new Date(uploadedAt))}</time>
          {uploadedBy === undefined ? null : (
            <Box variant="small" display="block">
              by {uploadedBy}
            </Box>
          )}
        </>
      )
    },
  },
  {
    id: 'notes',
    header: 'Notes',
    cell: (entry) =>
      entry.kind === 'release' ? (
        <Box variant="span" display="block">
          <span style={{ whiteSpace: 'pre-line' }}>{entry.manifest.notes}</span>
        </Box>
      ) : (
        <StatusIndicator type="error">Unreadable manifest: {entry.problem}</StatusIndicator>
      ),
  },
]

export interface FirmwareCatalogTableProps {
  readonly filters: CatalogFilters
  readonly onFiltersChange: (filters: Pick<CatalogFilters, 'model' | 'text' | 'page'>) => void
  /** The upload control for an empty catalog; absent for viewers. */
  readonly uploadAction?: ReactNode
}

/** The catalog's releases for the model in the URL (or every model), filtered by text and paged in the browser. */
export function FirmwareCatalogTable({
  filters,
  onFiltersChange,
  uploadAction,
}: FirmwareCatalogTableProps) {
  const catalog = useFirmwareCatalog(filters.model)
  const models = useModelNames()
  const entries = catalog.data ?? []
  const matching = entries.filter((entry) => matchesFilterText(entry, filters.text))
  const pagesCount = Math.max(1, Math.ceil(matching.length / PAGE_SIZE))
  const page = Math.min(filters.page, pagesCount)
  const shown = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
  const change = (next: Partial<Pick<CatalogFilters, 'model' | 'text' | 'page'>>) =>
    onFiltersChange({ model: filters.model, text: filters.text, page: 1, ...next })

  const modelOptions: SelectProps.Option[] = [
    ALL_MODELS,
    ...[...new Set([...models.names, ...(filters.model === undefined ? [] : [filters.model])])]
      .sort()
      .map((name) => ({ value: name, label: name })),
  ]
  const selectedModel =
    filters.model === undefined ? ALL_MODELS : { value: filters.model, label: filters.model }

  // A failed refetch (after an upload, on focus) keeps the releases it had: say so above them.
  const staleError =
    catalog.isError && catalog.data !== undefined ? (
      <Alert
        type="error"
        action={
          <Button loading={catalog.isFetching} onClick={() => void catalog.refetch()}>
            Retry
          </Button>
        }
      >
        {awsErrorMessage(catalog.error, 'refresh the firmware catalog')} The releases below may be
        out of date.
      </Alert>
    ) : null

  let empty: ReactNode
  if (catalog.isError && catalog.data === undefined) {
    empty = (
      <SpaceBetween size="s" alignItems="center">
        <StatusIndicator type="error">
          {awsErrorMessage(catalog.error, 'load the firmware catalog')}
        </StatusIndicator>
        <Button loading={catalog.isFetching} onClick={() => void catalog.refetch()}>
          Retry
        </Button>
      </SpaceBetween>
    )
  } else if (entries.length > 0) {
    empty = (
      <SpaceBetween size="s" alignItems="center">
        <b>No releases match “{filters.text}”</b>
        <Button onClick={() => change({ text: '' })}>Clear the filter</Button>
      </SpaceBetween>
    )
  } else {
    empty = (
      <SpaceBetween size="s" alignItems="center">
        <b>
          {filters.model === undefined
            ? 'No firmware in the catalog yet'
            : `No firmware for ${filters.model} yet`}
        </b>
        {uploadAction}
      </SpaceBetween>
    )
  }

  return (
    <Table
      items={shown}
      columnDefinitions={COLUMNS}
      trackBy="key"
      loading={catalog.isLoading}
      loadingText="Loading the firmware catalog"
      wrapLines
      empty={empty}
      header={
        <SpaceBetween size="s">
          <Header
            variant="h2"
            counter={
              catalog.data === undefined
                ? undefined
                : filters.text === ''
                  ? `(${entries.length})`
                  : `(${matching.length}/${entries.length})`
            }
            description="Newest version first. Devices check the size and sha256 before they install."
          >
            Releases
          </Header>
          {staleError}
        </SpaceBetween>
      }
      filter={
        <SpaceBetween direction="horizontal" size="xs">
          <TextFilter
            filteringText={filters.text}
            filteringPlaceholder="Find by version, sha256 or notes"
            filteringAriaLabel="Filter releases"
            countText={filters.text === '' ? undefined : `${matching.length} matches`}
            onChange={({ detail }) => change({ text: detail.filteringText })}
          />
          <Select
            selectedOption={selectedModel}
            options={modelOptions}
            onChange={({ detail }) => change({ model: detail.selectedOption.value || undefined })}
            statusType={
              models.isLoading ? 'loading' : models.error === undefined ? 'finished' : 'error'
            }
            loadingText="Loading models"
            errorText={
              models.error === undefined
                ? undefined
                : awsErrorMessage(models.error, 'list the models')
            }
            ariaLabel="Model"
            filteringType="auto"
          />
        </SpaceBetween>
      }
      pagination={
        <Pagination
          currentPageIndex={page}
          pagesCount={pagesCount}
          onChange={({ detail }) => change({ page: detail.currentPageIndex })}
        />
      }
    />
  )
}
