import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { InlineError } from '@/components/inline-error.tsx'
import { useStatistics } from '../api/get-statistics.ts'
import { fleetIndexErrorMessage } from '../utils/fleet-index-error-message.ts'
import { thingGroupQuery } from '../utils/fleet-search-query.ts'

export interface ThingGroupMembersCellProps {
  readonly thingGroupName: string
}

/** The member count: one GetStatistics for the group, never a listing of its members. */
export function ThingGroupMembersCell({ thingGroupName }: ThingGroupMembersCellProps) {
  const count = useStatistics(thingGroupQuery(thingGroupName))
  if (count.isPending) return <StatusIndicator type="loading">Counting</StatusIndicator>
  if (count.isError)
    return <InlineError message={fleetIndexErrorMessage(count.error, 'count the members')} />
  return <>{count.data}</>
}
