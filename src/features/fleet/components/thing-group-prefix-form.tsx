import Button from '@cloudscape-design/components/button'
import FormField from '@cloudscape-design/components/form-field'
import Input from '@cloudscape-design/components/input'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { useState, type FormEvent } from 'react'

export interface ThingGroupPrefixFormProps {
  /** The prefix in the URL; the form starts from it (remount it when it changes). */
  readonly value: string
  readonly errorText: string | undefined
  readonly onSearch: (prefix: string) => void
}

/** The groups page's name-prefix filter: edits a draft, and puts it in the URL on Filter. */
export function ThingGroupPrefixForm({ value, errorText, onSearch }: ThingGroupPrefixFormProps) {
  const [draft, setDraft] = useState(value)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSearch(draft.trim())
  }
  return (
    <form onSubmit={submit} aria-label="Filter thing groups">
      <FormField label="Name starts with" errorText={errorText} stretch>
        <SpaceBetween direction="horizontal" size="xs">
          <Input
            value={draft}
            type="search"
            placeholder="line-"
            onChange={({ detail }) => setDraft(detail.value)}
          />
          <Button formAction="submit">Filter</Button>
        </SpaceBetween>
      </FormField>
    </form>
  )
}
