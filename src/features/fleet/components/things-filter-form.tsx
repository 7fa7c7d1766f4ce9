import Button from '@cloudscape-design/components/button'
import Checkbox from '@cloudscape-design/components/checkbox'
import ColumnLayout from '@cloudscape-design/components/column-layout'
import Form from '@cloudscape-design/components/form'
import FormField from '@cloudscape-design/components/form-field'
import Input from '@cloudscape-design/components/input'
import Select, { type SelectProps } from '@cloudscape-design/components/select'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { useState, type FormEvent } from 'react'
import {
  NO_VERSION_FILTER_VALUE,
  type FleetFilterName,
  type FleetFilters,
} from '../utils/fleet-filters.ts'
import type { FleetFilterIssue } from '../utils/fleet-search-query.ts'

export interface ThingsFilterFormProps {
  /** The filters in the URL; the form starts from them (remount it when they change). */
  readonly filters: FleetFilters
  /** What is wrong with the filters in the URL, shown at each field. */
  readonly issues: readonly FleetFilterIssue[]
  readonly onSearch: (filters: FleetFilters) => void
}

const ANY: SelectProps.Option = { value: '', label: 'Any' }
const CONNECTIVITY_OPTIONS: readonly SelectProps.Option[] = [
  ANY,
  { value: 'connected', label: 'Connected' },
  { value: 'disconnected', label: 'Disconnected' },
]

const TEXT_FIELDS: readonly {
  name: Exclude<FleetFilterName, 'connectivity' | 'noVersion'>
  label: string
  placeholder: string
  description: string
}[] = [
  {
    name: 'name',
    label: 'Name',
    placeholder: 'sensor-01',
    description: 'A name or its beginning; * and ? are wildcards.',
  },
  {
    name: 'attribute',
    label: 'Attribute',
    placeholder: 'model=sensor-v2',
    description: 'name=value; * and ? in the value are wildcards.',
  },
  {
    name: 'version',
    label: 'Firmware version',
    placeholder: '1.4.0',
    description:
      'A reported version, or a pattern such as 1.* (* and ? are wildcards). In double quotes, matched exactly as written: "1.*" finds only 1.*.',
  },
  {
    name: 'group',
    label: 'Thing group',
    placeholder: 'line-1',
    description: 'Things the fleet index lists in this group.',
  },
]

/** The things page's search: edits a draft, and puts it in the URL on Search. */
export function ThingsFilterForm({ filters, issues, onSearch }: ThingsFilterFormProps) {
  const [draft, setDraft] = useState<FleetFilters>(filters)
  const issueOf = (name: FleetFilterName) =>
    issues
      .filter((issue) => issue.filter === name)
      .map((issue) => issue.message)
      .join(' ')
  const set = (name: FleetFilterName, value: string) => setDraft({ ...draft, [name]: value })
  // A device reports a version or none, so ticking "none" clears the version.
  const setNoVersion = (checked: boolean) => {
    const next: FleetFilters = { ...draft }
    delete next.noVersion
    setDraft(checked ? { ...next, version: '', noVersion: NO_VERSION_FILTER_VALUE } : next)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSearch(draft)
  }
  const connectivity = CONNECTIVITY_OPTIONS.find(
    (option) => option.value === (draft.connectivity ?? ''),
  ) ?? {
    value: draft.connectivity,
    label: draft.connectivity,
  }
  return (
    <form onSubmit={submit} aria-label="Search things">
      <Form
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button formAction="none" onClick={() => onSearch({})}>
              Clear filters
            </Button>
            <Button variant="primary" formAction="submit">
              Search
            </Button>
          </SpaceBetween>
        }
      >
        <ColumnLayout columns={3}>
          {TEXT_FIELDS.map((field) => (
            <FormField
              key={field.name}
              label={field.label}
              description={field.description}
              errorText={issueOf(field.name)}
            >
              <Input
                value={draft[field.name] ?? ''}
                disabled={field.name === 'version' && draft.noVersion !== undefined}
                placeholder={field.placeholder}
                type="search"
                onChange={({ detail }) => set(field.name, detail.value)}
              />
            </FormField>
          ))}
          <FormField
            label="Version not reported"
            description="Devices whose shadow holds no firmware version."
            errorText={issueOf('noVersion')}
          >
            <Checkbox
              checked={draft.noVersion !== undefined}
              onChange={({ detail }) => setNoVersion(detail.checked)}
            >
              Only devices that report none
            </Checkbox>
          </FormField>
          <FormField
            label="Connectivity"
            description="As the fleet index last recorded it."
            errorText={issueOf('connectivity')}
          >
            <Select
              selectedOption={connectivity}
              options={CONNECTIVITY_OPTIONS}
              onChange={({ detail }) => set('connectivity', detail.selectedOption.value ?? '')}
            />
          </FormField>
        </ColumnLayout>
      </Form>
    </form>
  )
}
