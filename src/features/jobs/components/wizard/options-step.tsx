import AttributeEditor from '@cloudscape-design/components/attribute-editor'
import Checkbox from '@cloudscape-design/components/checkbox'
import ColumnLayout from '@cloudscape-design/components/column-layout'
import Container from '@cloudscape-design/components/container'
import FormField from '@cloudscape-design/components/form-field'
import Header from '@cloudscape-design/components/header'
import Input from '@cloudscape-design/components/input'
import RadioGroup from '@cloudscape-design/components/radio-group'
import Select from '@cloudscape-design/components/select'
import SpaceBetween from '@cloudscape-design/components/space-between'
import Textarea from '@cloudscape-design/components/textarea'
import { ABORT_FAILURE_TYPES } from '@domain/job-config/abort.ts'
import { END_BEHAVIORS } from '@domain/job-config/scheduling.ts'
import {
  CREATED_BY_TAG,
  MAX_OPERATOR_URL_EXPIRY_HOURS,
  type JobOptionsForm,
} from '../../utils/firmware-job-form.ts'

import type { OptionErrors } from '../../utils/options-errors.ts'

export interface OptionsStepProps {
  readonly options: JobOptionsForm
  readonly onChange: (patch: Partial<JobOptionsForm>) => void
  readonly errors: OptionErrors
  readonly username: string | undefined
}

type TextField = {
  [K in keyof JobOptionsForm]: JobOptionsForm[K] extends string ? K : never
}[keyof JobOptionsForm]

interface TextFieldProps {
  readonly label: string
  readonly field: TextField
  readonly props: OptionsStepProps
  readonly description?: string
  readonly constraintText?: string
  readonly placeholder?: string
  readonly inputMode?: 'numeric' | 'decimal'
}

function TextField({
  label,
  field,
  props,
  description,
  constraintText,
  placeholder,
  inputMode,
}: TextFieldProps) {
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

/** Step 3: CreateJob's options, each checked with AWS's limits (domain/job-config) on Next. */
export function OptionsStep(props: OptionsStepProps) {
  const { options, onChange, errors } = props
  return (
    <SpaceBetween size="l">
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
                  description:
                    'Start slow and multiply the rate as devices are notified or succeed.',
                },
              ]}
            />
          </FormField>
          {options.rolloutMode === 'none' ? null : (
            <ColumnLayout columns={3}>
              <TextField
                label="Maximum per minute"
                field="maximumPerMinute"
                props={props}
                constraintText="1 to 1,000"
                inputMode="numeric"
              />
              {options.rolloutMode === 'exponential' ? (
                <>
                  <TextField
                    label="Base rate per minute"
                    field="baseRatePerMinute"
                    props={props}
                    constraintText="1 to 1,000"
                    inputMode="numeric"
                  />
                  <TextField
                    label="Increment factor"
                    field="incrementFactor"
                    props={props}
                    constraintText="1.1 to 5, one decimal"
                    inputMode="decimal"
                  />
                  <TextField
                    label="Increase after notified things"
                    field="numberOfNotifiedThings"
                    props={props}
                    inputMode="numeric"
                  />
                  <TextField
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

      <Container header={<Header variant="h2">Abort, timeout and retries</Header>}>
        <SpaceBetween size="l">
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
              <TextField
                label="Threshold (%)"
                field="abortThresholdPercentage"
                props={props}
                constraintText="0 to 100"
                inputMode="decimal"
              />
              <TextField
                label="After at least this many devices ran it"
                field="abortMinNumberOfExecutedThings"
                props={props}
                inputMode="numeric"
              />
            </ColumnLayout>
          ) : null}
          <ColumnLayout columns={3}>
            <TextField
              label="In-progress timeout (minutes)"
              field="inProgressTimeoutInMinutes"
              props={props}
              description="A device still IN_PROGRESS after this is TIMED_OUT. Empty: no timeout."
              constraintText="1 to 10,080"
              inputMode="numeric"
            />
            <TextField
              label="Retries after FAILED"
              field="retryFailed"
              props={props}
              constraintText="0 to 10"
              inputMode="numeric"
            />
            <TextField
              label="Retries after TIMED_OUT"
              field="retryTimedOut"
              props={props}
              constraintText="0 to 10; needs a timeout"
              inputMode="numeric"
            />
          </ColumnLayout>
        </SpaceBetween>
      </Container>

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
          <TextField
            label="Start (UTC)"
            field="startTime"
            props={props}
            placeholder="2027-03-01T02:00"
          />
          <TextField
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
          <TextField
            label="Maintenance window start (cron)"
            field="maintenanceWindowCron"
            props={props}
            placeholder="cron(0 2 ? * SAT *)"
            description="Optional: devices are notified only inside the window."
          />
          <TextField
            label="Window duration (minutes)"
            field="maintenanceWindowMinutes"
            props={props}
            constraintText="1 to 1,430"
            inputMode="numeric"
          />
        </ColumnLayout>
      </Container>

      <Container header={<Header variant="h2">Firmware URL</Header>}>
        <SpaceBetween size="l">
          <RadioGroup
            value={options.urlMode}
            onChange={({ detail }) =>
              onChange({ urlMode: detail.value as JobOptionsForm['urlMode'] })
            }
            items={[
              {
                value: 'placeholder',
                label: 'Pre-signed by AWS IoT (recommended)',
                description:
                  'The document holds a ${aws:iot:s3-presigned-url:…} placeholder; IoT signs a fresh URL with the fleetdeck-iot-presigner role each time a device fetches the document.',
              },
              {
                value: 'operator-presigned',
                label: 'Pre-signed with your credentials',
                description:
                  'A URL signed now by your session. It stops working when it expires or when your session credentials do, whichever comes first.',
              },
            ]}
          />
          {options.urlMode === 'placeholder' ? (
            <TextField
              label="URL expiry (seconds)"
              field="presignedUrlExpirySeconds"
              props={props}
              constraintText="60 to 3,600"
              inputMode="numeric"
            />
          ) : (
            <TextField
              label="URL expiry (hours)"
              field="operatorUrlExpiryHours"
              props={props}
              constraintText={`1 to ${MAX_OPERATOR_URL_EXPIRY_HOURS} (7 days)`}
              inputMode="numeric"
            />
          )}
        </SpaceBetween>
      </Container>

      <Container header={<Header variant="h2">Description, tags and custom document</Header>}>
        <SpaceBetween size="l">
          <TextField
            label="Description"
            field="description"
            props={props}
            constraintText="Optional, one line, at most 2,028 characters."
          />
          <FormField
            label="Tags"
            description={`The tag ${CREATED_BY_TAG}=${props.username ?? '(you)'} is added for you.`}
            errorText={errors.tags}
          >
            <AttributeEditor
              items={[...options.tags]}
              onAddButtonClick={() => onChange({ tags: [...options.tags, { key: '', value: '' }] })}
              onRemoveButtonClick={({ detail }) =>
                onChange({ tags: options.tags.filter((_, index) => index !== detail.itemIndex) })
              }
              addButtonText="Add tag"
              removeButtonText="Remove"
              empty="No tags."
              definition={[
                {
                  label: 'Key',
                  control: (item, index) => (
                    <Input
                      value={item.key}
                      onChange={({ detail }) =>
                        onChange({
                          tags: options.tags.map((tag, at) =>
                            at === index ? { ...tag, key: detail.value } : tag,
                          ),
                        })
                      }
                      ariaLabel="Tag key"
                    />
                  ),
                },
                {
                  label: 'Value',
                  control: (item, index) => (
                    <Input
                      value={item.value}
                      onChange={({ detail }) =>
                        onChange({
                          tags: options.tags.map((tag, at) =>
                            at === index ? { ...tag, value: detail.value } : tag,
                          ),
                        })
                      }
                      ariaLabel="Tag value"
                    />
                  ),
                },
              ]}
            />
          </FormField>
          <FormField
            label="Custom document fields"
            description="A JSON object whose fields are added to the generated install document. Generated fields (operation, url, version, sha256, size, forced, model) always win. The merged document is shown on the review step."
            errorText={errors.document}
          >
            <Textarea
              value={options.documentTemplate}
              onChange={({ detail }) => onChange({ documentTemplate: detail.value })}
              placeholder={'{ "ticket": "OPS-123" }'}
              rows={5}
              ariaLabel="Custom document fields"
            />
          </FormField>
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  )
}
