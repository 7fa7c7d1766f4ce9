import ColumnLayout from '@cloudscape-design/components/column-layout'
import { OptionTextField, type OptionsSectionProps } from './option-text-field.tsx'

/** timeoutConfig and jobExecutionsRetryConfig. */
export function TimeoutRetryOptions(props: OptionsSectionProps) {
  return (
    <ColumnLayout columns={3}>
      <OptionTextField
        label="In-progress timeout (minutes)"
        field="inProgressTimeoutInMinutes"
        props={props}
        description="A device still IN_PROGRESS after this is TIMED_OUT. Empty: no timeout."
        constraintText="1 to 10,080"
        inputMode="numeric"
      />
      <OptionTextField
        label="Retries after FAILED"
        field="retryFailed"
        props={props}
        constraintText="0 to 10"
        inputMode="numeric"
      />
      <OptionTextField
        label="Retries after TIMED_OUT"
        field="retryTimedOut"
        props={props}
        constraintText="0 to 10; needs a timeout"
        inputMode="numeric"
      />
    </ColumnLayout>
  )
}
