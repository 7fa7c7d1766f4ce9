import Button from '@cloudscape-design/components/button'
import Checkbox from '@cloudscape-design/components/checkbox'
import ColumnLayout from '@cloudscape-design/components/column-layout'
import Form from '@cloudscape-design/components/form'
import FormField from '@cloudscape-design/components/form-field'
import Input from '@cloudscape-design/components/input'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { useState } from 'react'
import { alertThresholdsSchema, type AlertThresholds } from '@domain/job-monitoring/job-alerts.ts'

export interface AlertThresholdsFormProps {
  readonly thresholds: AlertThresholds
  readonly onSave: (thresholds: AlertThresholds, forEveryJob: boolean) => void
  readonly onReset: () => void
  readonly onCancel: () => void
}

type Field = keyof AlertThresholds
const FIELDS: readonly Field[] = ['maxFailureRatePercent', 'minOutcomes', 'maxP99DownloadSeconds']

/** Edits the alert thresholds; every field is checked before anything is kept. */
export function AlertThresholdsForm({
  thresholds,
  onSave,
  onReset,
  onCancel,
}: AlertThresholdsFormProps) {
  const [values, setValues] = useState<Record<Field, string>>(() => ({
    maxFailureRatePercent: String(thresholds.maxFailureRatePercent),
    minOutcomes: String(thresholds.minOutcomes),
    maxP99DownloadSeconds: String(thresholds.maxP99DownloadSeconds),
  }))
  const [forEveryJob, setForEveryJob] = useState(false)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})

  const submit = () => {
    const parsed = alertThresholdsSchema.safeParse(
      Object.fromEntries(
        FIELDS.map((field) => [
          field,
          values[field].trim() === '' ? Number.NaN : Number(values[field]),
        ]),
      ),
    )
    if (!parsed.success) {
      const found: Partial<Record<Field, string>> = {}
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field
        found[field] ??= Number.isNaN(Number(values[field])) ? 'Enter a number.' : issue.message
      }
      setErrors(found)
      return
    }
    setErrors({})
    onSave(parsed.data, forEveryJob)
  }

  const input = (field: Field, label: string, description: string) => (
    <FormField label={label} description={description} errorText={errors[field]}>
      <Input
        type="number"
        inputMode="decimal"
        value={values[field]}
        onChange={({ detail }) => setValues((current) => ({ ...current, [field]: detail.value }))}
      />
    </FormField>
  )

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <Form
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button formAction="none" variant="link" onClick={onReset}>
              Restore Fleetdeck defaults
            </Button>
            <Button formAction="none" onClick={onCancel}>
              Cancel
            </Button>
            <Button variant="primary">Save thresholds</Button>
          </SpaceBetween>
        }
      >
        <SpaceBetween size="m">
          <ColumnLayout columns={3}>
            {input(
              'maxFailureRatePercent',
              'Failure rate above (%)',
              'Failed, rejected and timed out among device outcomes.',
            )}
            {input(
              'minOutcomes',
              'Once at least (devices)',
              'Outcomes needed before the rate counts.',
            )}
            {input(
              'maxP99DownloadSeconds',
              'p99 download time above (s)',
              'Slowest 1 % of downloads.',
            )}
          </ColumnLayout>
          <Checkbox checked={forEveryJob} onChange={({ detail }) => setForEveryJob(detail.checked)}>
            Use these thresholds for every job I have not tuned (kept in this browser)
          </Checkbox>
        </SpaceBetween>
      </Form>
    </form>
  )
}
