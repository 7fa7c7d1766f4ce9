import Container from '@cloudscape-design/components/container'
import Header from '@cloudscape-design/components/header'
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import type { ReactNode } from 'react'
import { headerDescription } from '@/components/header-description.tsx'
import { InlineError } from '@/components/inline-error.tsx'
import type { ThingDescription } from '../api/describe-thing.ts'
import { fleetIndexErrorMessage } from '../utils/fleet-index-error-message.ts'
import type { ReportedFirmware } from '@domain/reported-firmware.ts'
import { useIndexedThing } from '../api/search-index.ts'
import { ConnectivityStatus } from './connectivity-status.tsx'
import { GroupLinks } from './group-links.tsx'

export interface ThingDetailsProps {
  readonly thing: ThingDescription
  /** What the shadow reports, when it has loaded: fresher than the index. */
  readonly firmware: ReportedFirmware | undefined
  /** Why the registry entry on screen could not be refreshed, if it could not. */
  readonly refreshError?: string | undefined
}

/** Registry entry plus what the fleet index knows: groups, connectivity, reported version. */
export function ThingDetails({ thing, firmware, refreshError }: ThingDetailsProps) {
  const indexed = useIndexedThing(thing.thingName)
  const indexError = indexed.isError
    ? fleetIndexErrorMessage(indexed.error, 'read the fleet index')
    : undefined
  const fromIndex = (render: (row: NonNullable<typeof indexed.data>) => ReactNode) => {
    if (indexed.data === undefined)
      return indexError === undefined ? (
        <StatusIndicator type="loading">Loading</StatusIndicator>
      ) : (
        <InlineError message={indexError} />
      )
    if (indexed.data === null) return 'Not in the fleet index yet'
    return render(indexed.data)
  }
  const attributes = Object.entries(thing.attributes)
  const version = firmware?.version ?? indexed.data?.firmwareVersion
  const model =
    thing.thingTypeName || thing.attributes.model || firmware?.model || indexed.data?.model
  return (
    <Container
      header={
        <Header
          variant="h2"
          description={headerDescription([
            refreshError === undefined ? null : <InlineError message={refreshError} stale />,
            // Shown once here rather than in each cell that still shows the earlier answer.
            indexError !== undefined && indexed.data !== undefined ? (
              <InlineError message={indexError} stale />
            ) : null,
          ])}
        >
          Details
        </Header>
      }
    >
      <KeyValuePairs
        columns={3}
        items={[
          { label: 'Thing type', value: thing.thingTypeName ?? '—' },
          { label: 'Model', value: model ?? '—' },
          { label: 'Running firmware version', value: version ?? 'Not reported' },
          {
            label: 'Connectivity',
            value: fromIndex((row) => (
              <ConnectivityStatus connectivity={row.connectivity} detailed />
            )),
          },
          {
            label: 'Groups',
            value: fromIndex((row) => <GroupLinks thingGroupNames={row.thingGroupNames} />),
          },
          {
            label: 'Attributes',
            value:
              attributes.length === 0
                ? '—'
                : attributes.map(([name, value]) => (
                    <div key={name}>
                      {name} = {value}
                    </div>
                  )),
          },
          { label: 'ARN', value: thing.thingArn ?? '—' },
          { label: 'Registry version', value: thing.version?.toString() ?? '—' },
        ]}
      />
    </Container>
  )
}
