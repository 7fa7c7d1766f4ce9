import ColumnLayout from '@cloudscape-design/components/column-layout'
import Container from '@cloudscape-design/components/container'
import FormField from '@cloudscape-design/components/form-field'
import Header from '@cloudscape-design/components/header'
import Select from '@cloudscape-design/components/select'
import { END_BEHAVIORS } from '@domain/job-config/scheduling.ts'
import type { JobOptionsForm } from '../../../utils/firmware-job-form.ts'
import { OptionTextField, type OptionsSectionProps } from './option-text-field.tsx'

/** schedulingConfig: start, end, end behavior and a maintenance window. */
export function SchedulingOptions(props: OptionsSectionProps) {
  const { options, onChange, errors } = props
  return (
    <Container
      header={
        <Header
          variant="h2"
          description="Times are UTC, written YYYY-MM-DDTHH:MM. A start time must be at least 30 minutes ahead."
        >
          Scheduling
        </Header>
      }
    >
      <ColumnLayout columns={3}>
        <OptionTextField
          label="Start (UTC)"
          field="startTime"
          props={props}
          placeholder="2027-03-01T02:00"
        />
        <OptionTextField
          label="End (UTC)"
          field="endTime"
          props={props}
          placeholder="2027-03-02T02:00"
        />
        <FormField label="At the end" errorText={errors.endBehavior}>
          <Select
            selectedOption={{
              value: options.endBehavior,
              label:
                options.endBehavior === '' ? 'AWS default (STOP_ROLLOUT)' : options.endBehavior,
            }}
            onChange={({ detail }) =>
              onChange({
                endBehavior: (detail.selectedOption.value ?? '') as JobOptionsForm['endBehavior'],
              })
            }
            options={[
              { value: '', label: 'AWS default (STOP_ROLLOUT)' },
              ...END_BEHAVIORS.map((behavior) => ({ value: behavior, label: behavior })),
            ]}
            ariaLabel="End behavior"
          />
        </FormField>
        <OptionTextField
          label="Maintenance window start (cron)"
          field="maintenanceWindowCron"
          props={props}
          placeholder="cron(0 2 ? * SAT *)"
          description="Optional: devices are notified only inside the window."
        />
        <OptionTextField
          label="Window duration (minutes)"
          field="maintenanceWindowMinutes"
          props={props}
          constraintText="1 to 1,430"
          inputMode="numeric"
        />
      </ColumnLayout>
    </Container>
  )
}
