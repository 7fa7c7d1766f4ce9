import BarChart from '@cloudscape-design/components/bar-chart'
import Box from '@cloudscape-design/components/box'
import Container from '@cloudscape-design/components/container'
import Header from '@cloudscape-design/components/header'
import SpaceBetween from '@cloudscape-design/components/space-between'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import Table, { type TableProps } from '@cloudscape-design/components/table'
import { InlineError } from '@/components/inline-error.tsx'
import { RouterLink } from '@/components/router-link.tsx'
import { FIRMWARE_VERSION_INDEX_FIELD } from '@domain/fleet-index-custom-fields.ts'
import { useVersionDistribution } from '../api/get-buckets-aggregation.ts'
import { fleetIndexErrorMessage } from '../utils/fleet-index-error-message.ts'
import { shareOf } from '../utils/version-distribution.ts'
import { versionRowsOf, type VersionRow } from '../utils/version-rows.ts'

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
  const error = distribution.isError
    ? fleetIndexErrorMessage(distribution.error, 'count the firmware versions')
    : undefined
  if (distribution.data === undefined)
    return (
      <Container header={header}>
        <InlineError message={error ?? 'Could not count the firmware versions.'} />
      </Container>
    )
  const rows = versionRowsOf(distribution.data, thingGroupName)
  const total = distribution.data.totalCount
  return (
    <Container header={header}>
      <SpaceBetween size="l">
        {error === undefined ? null : <InlineError message={error} stale />}
        {rows.length === 0 ? (
          <Box color="text-body-secondary">This group has no devices.</Box>
        ) : (
          <>
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
              trackBy="id"
              header={<Header counter={`(${total})`}>Devices by version</Header>}
            />
            {distribution.data.truncated ? (
              <Box color="text-status-warning">
                The group reports more versions than one answer lists; the smallest are counted
                together with the devices that report none.
              </Box>
            ) : null}
          </>
        )}
      </SpaceBetween>
    </Container>
  )
}
