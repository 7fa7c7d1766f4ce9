import Alert from '@cloudscape-design/components/alert'
import Box from '@cloudscape-design/components/box'
import Button from '@cloudscape-design/components/button'
import FormField from '@cloudscape-design/components/form-field'
import Input from '@cloudscape-design/components/input'
import Modal from '@cloudscape-design/components/modal'
import Select from '@cloudscape-design/components/select'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { AccountScope } from '@domain/arn.ts'
import { ValidationError } from '@domain/validation.ts'
import { InlineError } from '@/components/inline-error.tsx'
import { useNotify } from '@/components/notifications/notifications.tsx'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { useCreateJobTemplate } from '../../api/create-job-template.ts'
import { jobTemplateOptions } from '../../api/describe-job-template.ts'
import { useJobTemplates } from '../../api/list-job-templates.ts'
import { templatePrefill, type TemplatePrefill } from '../../utils/template-prefill.ts'

export interface StartFromTemplateProps {
  readonly onApply: (prefill: TemplatePrefill, jobTemplateId: string) => void
  /** The template already applied (from a `?template=` link), preselected. */
  readonly initialTemplateId?: string | undefined
}

/** "Start from a template": ListJobTemplates, then DescribeJobTemplate of the chosen one. */
export function StartFromTemplate({ onApply, initialTemplateId }: StartFromTemplateProps) {
  const { iot } = useAwsClients()
  const queryClient = useQueryClient()
  const templates = useJobTemplates()
  const [chosen, setChosen] = useState<string | undefined>(initialTemplateId)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)
  const apply = async () => {
    if (chosen === undefined) return
    setLoading(true)
    setError(undefined)
    try {
      const template = await queryClient.fetchQuery(jobTemplateOptions(iot, chosen))
      onApply(templatePrefill(template), chosen)
    } catch (caught) {
      setError(awsErrorMessage(caught, 'read the job template'))
    } finally {
      setLoading(false)
    }
  }
  return (
    <FormField
      label="Start from a job template"
      description="Fills the firmware, options and custom fields from a saved template; the target is yours to choose."
      errorText={error}
    >
      <SpaceBetween direction="horizontal" size="xs">
        <Select
          selectedOption={chosen === undefined ? null : { value: chosen, label: chosen }}
          onChange={({ detail }) => setChosen(detail.selectedOption.value)}
          options={(templates.data ?? []).map((template) => ({
            value: template.jobTemplateId,
            label: template.jobTemplateId,
            description: template.description,
          }))}
          placeholder="Choose a template"
          statusType={templates.isPending ? 'loading' : templates.isError ? 'error' : 'finished'}
          errorText={
            templates.isError
              ? awsErrorMessage(templates.error, 'list the job templates')
              : undefined
          }
          empty="No job templates yet."
          ariaLabel="Job template"
        />
        <Button onClick={() => void apply()} loading={loading} disabled={chosen === undefined}>
          Apply template
        </Button>
      </SpaceBetween>
    </FormField>
  )
}

export interface SaveAsTemplateProps {
  /** Undefined while the wizard's choices do not make a valid job yet. */
  readonly template:
    | {
        readonly document: unknown
        readonly options: Readonly<Record<string, unknown>>
        readonly account: Required<AccountScope>
      }
    | undefined
  readonly defaultDescription: string
}

/** "Save as template": CreateJobTemplate with the document and the options a template holds. */
export function SaveAsTemplate({ template, defaultDescription }: SaveAsTemplateProps) {
  const notify = useNotify()
  const create = useCreateJobTemplate()
  const [open, setOpen] = useState(false)
  const [jobTemplateId, setJobTemplateId] = useState('')
  const [description, setDescription] = useState(defaultDescription)
  const problem =
    create.error === null
      ? undefined
      : create.error instanceof ValidationError
        ? create.error.message
        : awsErrorMessage(create.error, 'save the job template')
  const save = () => {
    if (template === undefined) return
    create.mutate(
      { jobTemplateId: jobTemplateId.trim(), description, ...template },
      {
        onSuccess: ({ jobTemplateId: id }) => {
          notify({ type: 'success', header: `Saved job template ${id}` })
          setOpen(false)
        },
      },
    )
  }
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={template === undefined}>
        Save as template
      </Button>
      <Modal
        visible={open}
        onDismiss={() => setOpen(false)}
        header="Save as job template"
        footer={
          <Box float="right">
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button variant="primary" onClick={save} loading={create.isPending}>
                Save
              </Button>
            </SpaceBetween>
          </Box>
        }
      >
        <SpaceBetween size="m">
          <Alert type="info">
            A template keeps the document, rollout, abort, timeout, retry, maintenance window and
            URL settings. Targets, start and end times and tags belong to each job and are not
            saved.
          </Alert>
          <FormField label="Template ID" constraintText="Letters, digits, - and _; at most 64.">
            <Input
              value={jobTemplateId}
              onChange={({ detail }) => setJobTemplateId(detail.value)}
              ariaLabel="Template ID"
            />
          </FormField>
          <FormField label="Description" constraintText="Required by AWS.">
            <Input
              value={description}
              onChange={({ detail }) => setDescription(detail.value)}
              ariaLabel="Template description"
            />
          </FormField>
          {problem === undefined ? null : <InlineError message={problem} />}
        </SpaceBetween>
      </Modal>
    </>
  )
}
