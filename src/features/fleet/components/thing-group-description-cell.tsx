import { useDescribeThingGroup } from '../api/describe-thing-group.ts'

export interface ThingGroupDescriptionCellProps {
  readonly thingGroupName: string
}

/**
 * The group's description, from the same DescribeThingGroup as its type
 * cell (one request, cached), which shows that request's errors.
 */
export function ThingGroupDescriptionCell({ thingGroupName }: ThingGroupDescriptionCellProps) {
  const group = useDescribeThingGroup(thingGroupName)
  return <>{group.data?.description ?? '—'}</>
}
