import Alert from '@cloudscape-design/components/alert'
import Container from '@cloudscape-design/components/container'
import ContentLayout from '@cloudscape-design/components/content-layout'
import Header from '@cloudscape-design/components/header'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { useSearchParams } from 'react-router'
import {
  fleetFilterSearchParams,
  fleetFiltersFrom,
  type FleetFilters,
} from '../utils/fleet-filters.ts'
import { fleetSearchQuery } from '../utils/fleet-search-query.ts'
import { ThingsFilterForm } from './things-filter-form.tsx'
import { ThingsTable } from './things-table.tsx'

/**
 * `/fleet`: every thing in the fleet index with its model, running firmware
 * version, connectivity and groups, searchable by name, attribute, version,
 * connectivity and group. The filters and the page live in the URL, so a
 * search is a link; filters that cannot make a query are explained at their field and
 * nothing is sent.
 */
export function ThingsPage() {
  const [searchParams, setSearchParams] = useSearchParams()
  const filters = fleetFiltersFrom(searchParams)
  // The form restarts from the URL when the filters in it change, not when only the page does.
  const filtersKey = fleetFilterSearchParams(filters).toString()
  const query = fleetSearchQuery(filters)
  // Fresh parameters hold the filters only, so a new search drops `page` and starts at page 1.
  const search = (next: FleetFilters) => setSearchParams(fleetFilterSearchParams(next))
  const queryIssue = query.ok ? undefined : query.issues.find((issue) => issue.filter === 'query')
  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Devices as the fleet index records them: model, running firmware, connectivity and groups."
        >
          Things
        </Header>
      }
    >
      <SpaceBetween size="l">
        <Container header={<Header variant="h2">Search</Header>}>
          <ThingsFilterForm
            key={filtersKey}
            filters={filters}
            issues={query.ok ? [] : query.issues}
            onSearch={search}
          />
        </Container>
        {query.ok ? (
          <ThingsTable key={query.queryString} queryString={query.queryString} />
        ) : (
          <Alert type="warning" header="Nothing was searched">
            {queryIssue?.message ?? 'Fix the filters marked above, then search again.'}
          </Alert>
        )}
      </SpaceBetween>
    </ContentLayout>
  )
}
