import Alert from '@cloudscape-design/components/alert'
import Button from '@cloudscape-design/components/button'
import ContentLayout from '@cloudscape-design/components/content-layout'
import Header from '@cloudscape-design/components/header'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { useSearchParams } from 'react-router'
import { paths } from '@/config/paths.ts'
import { useSessionUser } from '@/lib/auth/session.tsx'
import { useFollowHref } from '@/lib/router-link.ts'
import { jobsListFilterParams, jobsListFiltersFrom } from '../../utils/jobs-list-filters.ts'
import { JobsFilterForm, type JobsFilterValues } from './jobs-filter-form.tsx'
import { JobsTable } from './jobs-table.tsx'

/**
 * `/jobs`: every job, newest first, with target, operation, progress and
 * creator; `?status=`, `?selection=` and `?group=` filter as ListJobs does and
 * `?page=` is the page. Only operators get a "Create job" control; IAM
 * refuses a viewer's CreateJob anyway.
 */
export function JobsPage() {
  const [searchParams, setSearchParams] = useSearchParams()
  const filters = jobsListFiltersFrom(searchParams)
  const { role } = useSessionUser()
  const followHref = useFollowHref()
  const filterParams = jobsListFilterParams(filters)
  // Remount the form when the URL's filters change (Back, a link), not when the page does.
  const formKey = new URLSearchParams(filterParams).toString()
  // Fresh parameters hold the filters only, so a new filter drops `page` and starts at page 1.
  const search = (values: JobsFilterValues) =>
    setSearchParams(
      Object.fromEntries(
        Object.entries({
          status: values.status,
          selection: values.targetSelection,
          group: values.thingGroupName,
        }).filter(([, value]) => value !== ''),
      ),
    )
  const createAction =
    role === 'operator' ? (
      <Button variant="primary" href={paths.jobs.create()} onFollow={followHref}>
        Create job
      </Button>
    ) : undefined
  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Firmware and configuration jobs on the fleet, with their progress."
          actions={createAction}
        >
          Jobs
        </Header>
      }
    >
      <SpaceBetween size="l">
        <JobsFilterForm key={formKey} filters={filters} onSearch={search} />
        {filters.problem === undefined ? (
          <JobsTable filters={filters} />
        ) : (
          <Alert
            type="warning"
            header="Nothing was listed"
            action={
              <Button href={paths.jobs.list()} onFollow={followHref}>
                Show every job
              </Button>
            }
          >
            {filters.problem}
          </Alert>
        )}
      </SpaceBetween>
    </ContentLayout>
  )
}
