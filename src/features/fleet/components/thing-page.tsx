import Alert from '@cloudscape-design/components/alert'
import ContentLayout from '@cloudscape-design/components/content-layout'
import Header from '@cloudscape-design/components/header'
import SpaceBetween from '@cloudscape-design/components/space-between'
import Spinner from '@cloudscape-design/components/spinner'
import { useParams } from 'react-router'
import { paths } from '@/config/paths.ts'
import { awsErrorMessage, isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import { identifierProblem, THING_NAME_RULE } from '@domain/identifiers.ts'
import { RouterLink } from '@/components/router-link.tsx'
import { useDescribeThing } from '../api/describe-thing.ts'
import { useThingShadow } from '../api/get-thing-shadow.ts'
import { ThingDetails } from './thing-details.tsx'
import { ThingJobHistory } from './thing-job-history.tsx'
import { ThingShadowPanel } from './thing-shadow-panel.tsx'

/**
 * `/fleet/things/:thingName`: one device: its registry entry, groups and
 * connectivity from the fleet index, the firmware its shadow reports, the
 * shadow itself, and its job history.
 */
export function ThingPage() {
  const thingName = useParams().thingName ?? ''
  const problem = identifierProblem(THING_NAME_RULE, thingName)
  const enabled = problem === undefined
  const thing = useDescribeThing(thingName, { enabled })
  const shadow = useThingShadow(thingName, { enabled })

  const content = () => {
    if (problem !== undefined)
      return (
        <Alert type="error" header="This is not a thing name">
          {problem}
        </Alert>
      )
    if (thing.data === undefined) {
      if (!thing.isError) return <Spinner size="large" />
      return isNotFoundError(thing.error) ? (
        <Alert type="error" header="Thing not found">
          No thing named “{thingName}” exists in this account and region.{' '}
          <RouterLink href={paths.fleet.things()}>Back to the things</RouterLink>
        </Alert>
      ) : (
        <Alert type="error" header="Could not load the thing">
          {awsErrorMessage(thing.error, 'load the thing')}
        </Alert>
      )
    }
    return (
      <SpaceBetween size="l">
        <ThingDetails
          thing={thing.data}
          firmware={shadow.data?.firmware}
          refreshError={
            thing.isError ? awsErrorMessage(thing.error, 'refresh the thing') : undefined
          }
        />
        <ThingShadowPanel shadow={shadow} />
        {/* Keyed so another thing on this route never starts from this one's job pages. */}
        <ThingJobHistory key={thingName} thingName={thingName} />
      </SpaceBetween>
    )
  }
  return (
    <ContentLayout header={<Header variant="h1">{thingName}</Header>}>{content()}</ContentLayout>
  )
}
