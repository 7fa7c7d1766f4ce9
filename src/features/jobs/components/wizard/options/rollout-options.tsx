import ColumnLayout from '@cloudscape-design/components/column-layout'
import Container from '@cloudscape-design/components/container'
import FormField from '@cloudscape-design/components/form-field'
import Header from '@cloudscape-design/components/header'
import RadioGroup from '@cloudscape-design/components/radio-group'
import SpaceBetween from '@cloudscape-design/components/space-between'
import type { JobOptionsForm } from '../../../utils/firmware-job-form.ts'
import { OptionTextField, type OptionsSectionProps } from './option-text-field.tsx'

/** SNAPSHOT or CONTINUOUS, and the rollout rate (jobExecutionsRolloutConfig). */
export function RolloutOptions(props: OptionsSectionProps) {
  const { options, onChange, errors } = props
  return (
    <Container header={<Header variant="h2">Job type and rollout</Header>}>
      <SpaceBetween size="l">
        <FormField label="Target selection">
          <RadioGroup
            value={options.targetSelection}
            onChange={({ detail }) =>
              onChange({ targetSelection: detail.value as JobOptionsForm['targetSelection'] })
            }
            items={[
              {
                value: 'SNAPSHOT',
                label: 'Snapshot',
                description: 'The job runs on the devices in the target now, then completes.',
              },
              {
                value: 'CONTINUOUS',
                label: 'Continuous',
                description:
                  'The job keeps running: devices added to the target group later also receive it (provisioning).',
              },
            ]}
          />
        </FormField>
        <FormField label="Rollout rate" errorText={errors.maximumPerMinute}>
          <RadioGroup
            value={options.rolloutMode}
            onChange={({ detail }) =>
              onChange({ rolloutMode: detail.value as JobOptionsForm['rolloutMode'] })
            }
            items={[
              {
                value: 'none',
                label: 'AWS default',
                description: 'As fast as AWS notifies (up to 1,000 a minute).',
              },
              {
                value: 'constant',
                label: 'Constant',
                description: 'At most a number of devices a minute.',
              },
              {
                value: 'exponential',
                label: 'Exponential',
                description: 'Start slow and multiply the rate as devices are notified or succeed.',
              },
            ]}
          />
        </FormField>
        {options.rolloutMode === 'none' ? null : (
          <ColumnLayout columns={3}>
            <OptionTextField
              label="Maximum per minute"
              field="maximumPerMinute"
              props={props}
              constraintText="1 to 1,000"
              inputMode="numeric"
            />
            {options.rolloutMode === 'exponential' ? (
              <>
                <OptionTextField
                  label="Base rate per minute"
                  field="baseRatePerMinute"
                  props={props}
                  constraintText="1 to 1,000"
                  inputMode="numeric"
                />
                <OptionTextField
                  label="Increment factor"
                  field="incrementFactor"
                  props={props}
                  constraintText="1.1 to 5, one decimal"
                  inputMode="decimal"
                />
                <OptionTextField
                  label="Increase after notified things"
                  field="numberOfNotifiedThings"
                  props={props}
                  inputMode="numeric"
                />
                <OptionTextField
                  label="Increase after succeeded things"
                  field="numberOfSucceededThings"
                  props={props}
                  inputMode="numeric"
                />
              </>
            ) : null}
          </ColumnLayout>
        )}
      </SpaceBetween>
    </Container>
  )
}
