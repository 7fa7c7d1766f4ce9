import Button from '@cloudscape-design/components/button'
import ColumnLayout from '@cloudscape-design/components/column-layout'
import Form from '@cloudscape-design/components/form'
import FormField from '@cloudscape-design/components/form-field'
import Input from '@cloudscape-design/components/input'
import Select, { type SelectProps } from '@cloudscape-design/components/select'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { useState, type FormEvent } from 'react'
import { TARGET_SELECTIONS } from '@domain/job-config/create-job-options.ts'
import { JOB_STATUSES } from '@domain/job-status.ts'
import type { JobsListFilters } from '../../utils/jobs-list-filters.ts'

export interface JobsFilterValues {
  readonly status: string
  readonly targetSelection: string
  readonly thingGroupName: string
}

export interface JobsFilterFormProps {
  /** The filters in the URL; the form starts from them (remount it when they change). */
  readonly filters: JobsListFilters
  readonly onSearch: (values: JobsFilterValues) => void
}

const ANY: SelectProps.Option = { value: '', label: 'Any' }
const STATUS_OPTIONS: readonly SelectProps.Option[] = [
  ANY,
  ...JOB_STATUSES.map((status) => ({ value: status, label: status })),
]
const SELECTION_OPTIONS: readonly SelectProps.Option[] = [
  ANY,
  ...TARGET_SELECTIONS.map((selection) => ({ value: selection, label: selection })),
]

const optionOf = (options: readonly SelectProps.Option[], value: string) =>
  options.find((option) => option.value === value) ?? ANY

/** ListJobs' own filters: status, target selection and a thing group among the targets. */
export function JobsFilterForm({ filters, onSearch }: JobsFilterFormProps) {
  const [draft, setDraft] = useState<JobsFilterValues>({
    status: filters.status ?? '',
    targetSelection: filters.targetSelection ?? '',
    thingGroupName: filters.thingGroupName ?? '',
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSearch({ ...draft, thingGroupName: draft.thingGroupName.trim() })
  }
  return (
    <form onSubmit={submit} aria-label="Filter jobs">
      <Form
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button
              formAction="none"
              onClick={() => onSearch({ status: '', targetSelection: '', thingGroupName: '' })}
            >
              Clear filters
            </Button>
            <Button formAction="submit">Filter</Button>
          </SpaceBetween>
        }
      >
        <ColumnLayout columns={3}>
          <FormField label="Status">
            <Select
              selectedOption={optionOf(STATUS_OPTIONS, draft.status)}
              options={STATUS_OPTIONS}
              onChange={({ detail }) =>
                setDraft({ ...draft, status: detail.selectedOption.value ?? '' })
              }
            />
          </FormField>
          <FormField
            label="Target selection"
            description="SNAPSHOT runs once; CONTINUOUS keeps adding new group members."
          >
            <Select
              selectedOption={optionOf(SELECTION_OPTIONS, draft.targetSelection)}
              options={SELECTION_OPTIONS}
              onChange={({ detail }) =>
                setDraft({ ...draft, targetSelection: detail.selectedOption.value ?? '' })
              }
            />
          </FormField>
          <FormField label="Thing group" description="Jobs that target this group by name.">
            <Input
              value={draft.thingGroupName}
              type="search"
              placeholder="canary-lamp-v2"
              onChange={({ detail }) => setDraft({ ...draft, thingGroupName: detail.value })}
            />
          </FormField>
        </ColumnLayout>
      </Form>
    </form>
  )
}
