import { CreateJobTemplateCommand, type IoTClient } from '@aws-sdk/client-iot'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { thingArn, type AccountScope } from '@domain/arn.ts'
import { jobTemplateIdSchema } from '@domain/identifiers.ts'
import { validateCreateJobOptions } from '@domain/job-config/create-job-options.ts'
import { serializeJobDocument } from '@domain/job-document.ts'
import { validateWith, ValidationError } from '@domain/validation.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { jobsKeys } from './jobs-keys.ts'

/**
 * Saves a job's document and the options a template can hold
 * (CreateJobTemplate: description, document, presignedUrlConfig, rollout,
 * abort, timeout, retries and maintenance windows; no targets, selection,
 * start or end time, which belong to each job). AWS requires a description.
 * A duplicate id is ConflictException, shown as is.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_CreateJobTemplate.html
 */
export interface CreateJobTemplateInput {
  readonly jobTemplateId: string
  readonly description: string
  readonly document: unknown
  /** CreateJob options; the members a template cannot hold are dropped. */
  readonly options: Readonly<Record<string, unknown>>
  /** The dashboard's account (from ARNs AWS returned), for the stand-in target below. */
  readonly account: Required<AccountScope>
}

export async function createJobTemplate(
  iot: IoTClient,
  input: CreateJobTemplateInput,
  signal?: AbortSignal,
): Promise<{ jobTemplateId: string; jobTemplateArn: string | undefined }> {
  const id = validateWith(jobTemplateIdSchema, input.jobTemplateId)
  const document = serializeJobDocument(input.document)
  const {
    presignedUrlConfig,
    jobExecutionsRolloutConfig,
    abortConfig,
    timeoutConfig,
    jobExecutionsRetryConfig,
    schedulingConfig,
  } = input.options as Record<string, unknown>
  const maintenanceWindows = (schedulingConfig as { maintenanceWindows?: unknown } | undefined)
    ?.maintenanceWindows
  const templateOptions = {
    description: input.description.trim(),
    presignedUrlConfig,
    jobExecutionsRolloutConfig,
    abortConfig,
    timeoutConfig,
    jobExecutionsRetryConfig,
  }
  // The domain's CreateJob validator checks the same members with the same
  // limits; a placeholder target stands in for the targets a template lacks.
  const options = validateCreateJobOptions(
    {
      ...Object.fromEntries(Object.entries(templateOptions).filter(([, v]) => v !== undefined)),
      targets: [thingArn(input.account, 'template')],
      ...(maintenanceWindows === undefined ? {} : { schedulingConfig: { maintenanceWindows } }),
    },
    { nowMs: Date.now() },
  )
  const issues = [
    ...(id.ok ? [] : id.issues.map((issue) => ({ ...issue, path: 'jobTemplateId' }))),
    ...(document.ok ? [] : document.issues),
    ...(options.ok ? [] : options.issues),
  ]
  if (!id.ok || !document.ok || !options.ok) throw new ValidationError(issues)
  const { targets: _targets, schedulingConfig: _scheduling, ...valid } = options.value
  const output = await iot.send(
    new CreateJobTemplateCommand({
      ...(valid as Record<string, never>),
      jobTemplateId: id.value,
      description: input.description.trim(),
      document: document.value.text,
      ...(maintenanceWindows === undefined
        ? {}
        : { maintenanceWindows: options.value.schedulingConfig?.maintenanceWindows }),
    }),
    { abortSignal: signal },
  )
  return { jobTemplateId: id.value, jobTemplateArn: output.jobTemplateArn }
}

export function useCreateJobTemplate() {
  const { iot } = useAwsClients()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: CreateJobTemplateInput) => createJobTemplate(iot, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobsKeys.templates() }),
  })
}
