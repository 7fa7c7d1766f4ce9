import ContentLayout from '@cloudscape-design/components/content-layout'
import Header from '@cloudscape-design/components/header'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { useSearchParams } from 'react-router'
import { thingGroupPrefixProblem } from '../utils/thing-group-prefix.ts'
import { ThingGroupPrefixForm } from './thing-group-prefix-form.tsx'
import { ThingGroupsTable } from './thing-groups-table.tsx'

/**
 * `/fleet/groups`: thing groups, static and dynamic, with their type (and a
 * dynamic group's query) and member count; `?name=` filters by name prefix
 * and `?page=` is the page of the list.
 */
export function ThingGroupsPage() {
  const [searchParams, setSearchParams] = useSearchParams()
  const prefix = searchParams.get('name')?.trim() ?? ''
  const problem = thingGroupPrefixProblem(prefix)
  // Fresh parameters hold the prefix only, so a new filter drops `page` and starts at page 1.
  const search = (next: string) => setSearchParams(next === '' ? {} : { name: next })
  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Groups of devices, with member counts from the fleet index."
        >
          Thing groups
        </Header>
      }
    >
      <SpaceBetween size="l">
        <ThingGroupPrefixForm key={prefix} value={prefix} errorText={problem} onSearch={search} />
        {problem === undefined ? <ThingGroupsTable key={prefix} namePrefixFilter={prefix} /> : null}
      </SpaceBetween>
    </ContentLayout>
  )
}
