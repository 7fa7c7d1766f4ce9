import FormField from '@cloudscape-design/components/form-field'
import Input from '@cloudscape-design/components/input'
import type { JobOptionsForm } from '../../../utils/firmware-job-form.ts'
import type { OptionErrors } from '../../../utils/options-errors.ts'

/** What every container of the options step gets. */
export interface OptionsSectionProps {
  readonly options: JobOptionsForm
  readonly onChange: (patch: Partial<JobOptionsForm>) => void
  readonly errors: OptionErrors
}

type TextOption = {
  [K in keyof JobOptionsForm]: JobOptionsForm[K] extends string ? K : never
}[keyof JobOptionsForm]

export interface OptionTextFieldProps {
  readonly label: string
  readonly field: TextOption
  readonly props: OptionsSectionProps
  readonly description?: string
  readonly constraintText?: string
  readonly placeholder?: string
  readonly inputMode?: 'numeric' | 'decimal'
}

export function OptionTextField({
  label,
  field,
  props,
  description,
  constraintText,
  placeholder,
  inputMode,
}: OptionTextFieldProps) {
  return (
    <FormField
      label={label}
      description={description}
      constraintText={constraintText}
      errorText={props.errors[field]}
    >
      <Input
        value={props.options[field]}
        onChange={({ detail }) => props.onChange({ [field]: detail.value })}
        placeholder={placeholder}
        inputMode={inputMode}
        ariaLabel={label}
      />
    </FormField>
  )
}
