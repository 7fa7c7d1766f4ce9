import Alert from '@cloudscape-design/components/alert'
import Button from '@cloudscape-design/components/button'
import ContentLayout from '@cloudscape-design/components/content-layout'
import Header from '@cloudscape-design/components/header'
import SpaceBetween from '@cloudscape-design/components/space-between'
import Spinner from '@cloudscape-design/components/spinner'
import { useParams } from 'react-router'
import { paths } from '@/config/paths.ts'
import { awsErrorMessage, isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import { useFollowHref } from '@/lib/router-link.ts'
import { identifierProblem, THING_GROUP_NAME_RULE } from '@domain/identifiers.ts'
import { RouterLink } from '@/components/router-link.tsx'
import { useDescribeThingGroup } from '../api/describe-thing-group.ts'
import { thingGroupQuery } from '../utils/fleet-search-query.ts'
import { ThingGroupDetails } from './thing-group-details.tsx'
import { ThingsTable } from './things-table.tsx'
import { VersionDistributionPanel } from './version-distribution-panel.tsx'

/**
 * `/fleet/groups/:thingGroupName`: a group's description, type (and query,
 * for a dynamic group), parent and member count, the firmware versions its
 * devices report, and its members.
 */
export function ThingGroupPage() {
  const thingGroupName = useParams().thingGroupName ?? ''
  const problem = identifierProblem(THING_GROUP_NAME_RULE, thingGroupName)
  const group = useDescribeThingGroup(thingGroupName, { enabled: problem === undefined })
  const followHref = useFollowHref()

  const content = () => {
    if (problem !== undefined)
      return (
        <Alert type="error" header="This is not a thing group name">
          {problem}
        </Alert>
      )
    if (group.data === undefined) {
      if (!group.isError) return <Spinner size="large" />
      return isNotFoundError(group.error) ? (
        <Alert type="error" header="Thing group not found">
          No thing group named “{thingGroupName}” exists in this account and region.{' '}
          <RouterLink href={paths.fleet.groups()}>Back to the thing groups</RouterLink>
        </Alert>
      ) : (
        <Alert type="error" header="Could not load the thing group">
          {awsErrorMessage(group.error, 'load the thing group')}
        </Alert>
      )
    }
    const searchHref = paths.fleet.things({ group: thingGroupName })
    return (
      <SpaceBetween size="l">
        <ThingGroupDetails
          group={group.data}
          refreshError={
            group.isError ? awsErrorMessage(group.error, 'refresh the thing group') : undefined
          }
        />
        <VersionDistributionPanel thingGroupName={thingGroupName} />
        <ThingsTable
          key={thingGroupName}
          queryString={thingGroupQuery(thingGroupName)}
          title="Members"
          description="Devices the fleet index lists in this group."
          actions={
            <Button href={searchHref} onFollow={followHref}>
              Search within this group
            </Button>
          }
        />
      </SpaceBetween>
    )
  }
  return (
    <ContentLayout header={<Header variant="h1">{thingGroupName}</Header>}>
      {content()}
    </ContentLayout>
  )
}
