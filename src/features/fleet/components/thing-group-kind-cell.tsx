import Box from '@cloudscape-design/components/box'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { InlineError } from '@/components/inline-error.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { useDescribeThingGroup } from '../api/describe-thing-group.ts'

export interface ThingGroupKindCellProps {
  readonly thingGroupName: string
}

/** Static or dynamic, from DescribeThingGroup; a dynamic group shows its query as text. */
export function ThingGroupKindCell({ thingGroupName }: ThingGroupKindCellProps) {
  const group = useDescribeThingGroup(thingGroupName)
  if (group.isPending) return <StatusIndicator type="loading">Loading</StatusIndicator>
  if (group.isError)
    return <InlineError message={awsErrorMessage(group.error, 'describe the group')} />
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
