import Checkbox from '@cloudscape-design/components/checkbox'
import ColumnLayout from '@cloudscape-design/components/column-layout'
import FormField from '@cloudscape-design/components/form-field'
import Select from '@cloudscape-design/components/select'
import { ABORT_FAILURE_TYPES } from '@domain/job-config/abort.ts'
import type { JobOptionsForm } from '../../../utils/firmware-job-form.ts'
import { OptionTextField, type OptionsSectionProps } from './option-text-field.tsx'

/** abortConfig: cancel the job when too many devices fail. */
export function AbortOptions(props: OptionsSectionProps) {
  const { options, onChange } = props
  return (
    <>
      <Checkbox
        checked={options.abortEnabled}
        onChange={({ detail }) => onChange({ abortEnabled: detail.checked })}
      >
        Cancel the job when too many devices fail
      </Checkbox>
      {options.abortEnabled ? (
        <ColumnLayout columns={3}>
          <FormField label="Failure type">
            <Select
              selectedOption={{
                value: options.abortFailureType,
                label: options.abortFailureType,
              }}
              onChange={({ detail }) =>
                onChange({
                  abortFailureType: detail.selectedOption
                    .value as JobOptionsForm['abortFailureType'],
                })
              }
              options={ABORT_FAILURE_TYPES.map((type) => ({ value: type, label: type }))}
              ariaLabel="Abort failure type"
            />
          </FormField>
          <OptionTextField
            label="Threshold (%)"
            field="abortThresholdPercentage"
            props={props}
            constraintText="0 to 100"
            inputMode="decimal"
          />
          <OptionTextField
            label="After at least this many devices ran it"
            field="abortMinNumberOfExecutedThings"
            props={props}
            inputMode="numeric"
          />
        </ColumnLayout>
      ) : null}
    </>
  )
}
