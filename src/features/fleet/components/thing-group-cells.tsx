import Box from '@cloudscape-design/components/box'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { useDescribeThingGroup } from '../api/describe-thing-group.ts'
import { fleetIndexErrorMessage } from '../api/fleet-index-error-message.ts'
import { thingGroupQuery } from '../api/fleet-search-query.ts'
import { useStatistics } from '../api/get-statistics.ts'

export interface ThingGroupCellProps {
  readonly thingGroupName: string
}

/** Static or dynamic, from DescribeThingGroup; a dynamic group shows its query as text. */
export function ThingGroupKindCell({ thingGroupName }: ThingGroupCellProps) {
  const group = useDescribeThingGroup(thingGroupName)
  if (group.isPending) return <StatusIndicator type="loading">Loading</StatusIndicator>
  if (group.isError)
    return (
      <StatusIndicator type="error">
        {awsErrorMessage(group.error, 'describe the group')}
      </StatusIndicator>
    )
  if (group.data.kind === 'static') return <>Static</>
  return (
    <>
      Dynamic{group.data.status && group.data.status !== 'ACTIVE' ? ` (${group.data.status})` : ''}
      <Box variant="code" fontSize="body-s" display="block">
        {group.data.queryString}
      </Box>
    </>
  )
}

export function ThingGroupDescriptionCell({ thingGroupName }: ThingGroupCellProps) {
  const group = useDescribeThingGroup(thingGroupName)
  return <>{group.data?.description ?? '—'}</>
}

/** The member count: one GetStatistics for the group, never a listing of its members. */
export function ThingGroupMembersCell({ thingGroupName }: ThingGroupCellProps) {
  const count = useStatistics(thingGroupQuery(thingGroupName))
  if (count.isPending) return <StatusIndicator type="loading">Counting</StatusIndicator>
  if (count.isError)
    return (
      <StatusIndicator type="error">
        {fleetIndexErrorMessage(count.error, 'count the members')}
      </StatusIndicator>
    )
  return <>{count.data}</>
}
