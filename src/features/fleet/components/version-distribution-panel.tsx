import BarChart from '@cloudscape-design/components/bar-chart'
import Box from '@cloudscape-design/components/box'
import Container from '@cloudscape-design/components/container'
import Header from '@cloudscape-design/components/header'
import SpaceBetween from '@cloudscape-design/components/space-between'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import Table, { type TableProps } from '@cloudscape-design/components/table'
import { paths } from '@/config/paths.ts'
import { FIRMWARE_VERSION_INDEX_FIELD } from '@domain/fleet-index-custom-fields.ts'
import { UNKNOWN_VERSION_FILTER } from '../api/fleet-filters.ts'
import { fleetIndexErrorMessage } from '../api/fleet-index-error-message.ts'
import { useVersionDistribution } from '../api/get-buckets-aggregation.ts'
import { shareOf, type VersionDistribution } from '../api/version-distribution.ts'
import { RouterLink } from '@/components/router-link.tsx'

interface VersionRow {
  readonly label: string
  readonly count: number
  /** The things page for these devices, when one search can list them. */
  readonly href?: string
}

function rowsOf(distribution: VersionDistribution, thingGroupName: string): VersionRow[] {
  const rows: VersionRow[] = distribution.versions.map(({ version, count }) => ({
    label: version,
    count,
    href: paths.fleet.things({ group: thingGroupName, version }),
  }))
  if (distribution.remainder > 0)
    rows.push(
      distribution.truncated
        ? { label: 'other versions or not reported', count: distribution.remainder }
        : {
            label: UNKNOWN_VERSION_FILTER,
            count: distribution.remainder,
            href: paths.fleet.things({ group: thingGroupName, version: UNKNOWN_VERSION_FILTER }),
          },
    )
  return rows
}

function columnsOf(total: number): TableProps.ColumnDefinition<VersionRow>[] {
  return [
    {
      id: 'version',
      header: 'Firmware version',
      cell: (row) =>
        row.href === undefined ? row.label : <RouterLink href={row.href}>{row.label}</RouterLink>,
      isRowHeader: true,
    },
    { id: 'count', header: 'Devices', cell: (row) => row.count },
    { id: 'share', header: 'Share', cell: (row) => shareOf(row.count, total) },
  ]
}

export interface VersionDistributionPanelProps {
  readonly thingGroupName: string
}

/**
 * Which firmware versions a group's devices report, from one
 * GetBucketsAggregation over the reported version: a chart, and the same
 * numbers as a table (for screen readers, and to click through to the
 * devices on each version).
 */
export function VersionDistributionPanel({ thingGroupName }: VersionDistributionPanelProps) {
  const distribution = useVersionDistribution(thingGroupName)
  const header = (
    <Header
      variant="h2"
      description={`Devices per reported firmware version (${FIRMWARE_VERSION_INDEX_FIELD}), from the fleet index.`}
    >
      Firmware versions
    </Header>
  )
  if (distribution.isPending)
    return (
      <Container header={header}>
        <StatusIndicator type="loading">Counting versions</StatusIndicator>
      </Container>
    )
  if (distribution.isError)
    return (
      <Container header={header}>
        <StatusIndicator type="error">
          {fleetIndexErrorMessage(distribution.error, 'count the firmware versions')}
        </StatusIndicator>
      </Container>
    )
  const rows = rowsOf(distribution.data, thingGroupName)
  const total = distribution.data.totalCount
  return (
    <Container header={header}>
      {rows.length === 0 ? (
        <Box color="text-body-secondary">This group has no devices.</Box>
      ) : (
        <SpaceBetween size="l">
          <BarChart
            series={[
              {
                title: 'Devices',
                type: 'bar',
                data: rows.map((row) => ({ x: row.label, y: row.count })),
              },
            ]}
            xScaleType="categorical"
            xTitle="Firmware version"
            yTitle="Devices"
            ariaLabel={`Firmware versions in ${thingGroupName}`}
            ariaDescription="The table below lists the same counts."
            hideFilter
            hideLegend
            height={220}
          />
          <Table
            variant="embedded"
            items={rows}
            columnDefinitions={columnsOf(total)}
            trackBy="label"
            header={<Header counter={`(${total})`}>Devices by version</Header>}
          />
          {distribution.data.truncated ? (
            <Box color="text-status-warning">
              The group reports more versions than one answer lists; the smallest are counted
              together with the devices that report none.
            </Box>
          ) : null}
        </SpaceBetween>
      )}
    </Container>
  )
}
