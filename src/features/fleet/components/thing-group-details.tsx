import Box from '@cloudscape-design/components/box'
import Container from '@cloudscape-design/components/container'
import Header from '@cloudscape-design/components/header'
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs'
import { InlineError } from '@/components/inline-error.tsx'
import { RouterLink } from '@/components/router-link.tsx'
import { paths } from '@/config/paths.ts'
import type { ThingGroupDetail } from '../api/describe-thing-group.ts'
import { formatDateTime } from '@/lib/format-date-time.ts'
import { ThingGroupMembersCell } from './thing-group-members-cell.tsx'

export interface ThingGroupDetailsProps {
  readonly group: ThingGroupDetail
  /** Why the description on screen could not be refreshed, if it could not. */
  readonly refreshError?: string | undefined
}

export function ThingGroupDetails({ group, refreshError }: ThingGroupDetailsProps) {
  const attributes = Object.entries(group.attributes)
  return (
    <Container
      header={
        <Header
          variant="h2"
          description={
            refreshError === undefined ? undefined : <InlineError message={refreshError} stale />
          }
        >
          Details
        </Header>
      }
    >
      <KeyValuePairs
        columns={3}
        items={[
          { label: 'Type', value: group.kind === 'dynamic' ? 'Dynamic' : 'Static' },
          {
            label: 'Members',
            value: <ThingGroupMembersCell thingGroupName={group.thingGroupName} />,
          },
          { label: 'Description', value: group.description ?? '—' },
          ...(group.kind === 'dynamic'
            ? [
                {
                  label: 'Query',
                  value: (
                    <Box variant="code" display="block">
                      {group.queryString}
                    </Box>
                  ),
                },
                { label: 'Status', value: group.status ?? '—' },
              ]
            : []),
          {
            label: 'Parent group',
            value:
              group.parentGroupName === undefined ? (
                '—'
              ) : (
                <RouterLink href={paths.fleet.group(group.parentGroupName)}>
                  {group.parentGroupName}
                </RouterLink>
              ),
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
          { label: 'Created', value: formatDateTime(group.creationDate) },
          { label: 'ARN', value: group.thingGroupArn ?? '—' },
        ]}
      />
    </Container>
  )
}
