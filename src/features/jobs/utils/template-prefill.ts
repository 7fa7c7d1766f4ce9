import type { DescribeJobTemplateResponse } from '@aws-sdk/client-iot'
import { defaultJobOptionsForm, type JobOptionsForm } from './firmware-job-form.ts'

/**
 * A job template (DescribeJobTemplate) as the wizard's choices: the release
 * and forced flag from its install document, its own extra document fields
 * as the custom template, and the options a template holds. Fields the
 * wizard generates are not copied into the custom template, since the
 * generated ones win anyway.
 */
export interface TemplatePrefill {
  /** Passed to CreateJob, which records the template the job came from. */
  readonly jobTemplateArn?: string
  readonly model?: string
  readonly version?: string
  readonly forced?: boolean
  readonly options: JobOptionsForm
  /** Why the template could not be used entirely, for the operator. */
  readonly notes: readonly string[]
}

const GENERATED_FIELDS = new Set([
  'operation',
  'url',
  'version',
  'sha256',
  'size',
  'forced',
  'model',
])
const text = (value: number | undefined) => (value === undefined ? '' : String(value))

export function templatePrefill(template: DescribeJobTemplateResponse): TemplatePrefill {
  const notes: string[] = []
  let document: Record<string, unknown> = {}
  try {
    const parsed = JSON.parse(template.document ?? '{}') as unknown
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      document = parsed as Record<string, unknown>
  } catch {
    notes.push('The template document is not JSON; only its options were used.')
  }
  if (template.documentSource !== undefined) {
    notes.push(
      'The template reads its document from S3 (documentSource); only its options were used.',
    )
  }
  if (document.operation !== undefined && document.operation !== 'install') {
    notes.push(
      `The template is for a ${JSON.stringify(document.operation)} job; only its options were used.`,
    )
    document = {}
  }
  const extra = Object.fromEntries(
    Object.entries(document).filter(([key]) => !GENERATED_FIELDS.has(key)),
  )
  const rollout = template.jobExecutionsRolloutConfig
  const exponential = rollout?.exponentialRate
  const abort = template.abortConfig?.criteriaList?.[0]
  const retries = template.jobExecutionsRetryConfig?.criteriaList ?? []
  const window = template.maintenanceWindows?.[0]
  const options: JobOptionsForm = {
    ...defaultJobOptionsForm,
    description: template.description ?? '',
    rolloutMode:
      exponential !== undefined
        ? 'exponential'
        : rollout?.maximumPerMinute !== undefined
          ? 'constant'
          : 'none',
    maximumPerMinute: text(rollout?.maximumPerMinute),
    baseRatePerMinute: text(exponential?.baseRatePerMinute),
    incrementFactor: text(exponential?.incrementFactor),
    numberOfNotifiedThings: text(exponential?.rateIncreaseCriteria?.numberOfNotifiedThings),
    numberOfSucceededThings: text(exponential?.rateIncreaseCriteria?.numberOfSucceededThings),
    abortEnabled: abort !== undefined,
    abortFailureType: abort?.failureType ?? 'FAILED',
    abortThresholdPercentage: text(abort?.thresholdPercentage),
    abortMinNumberOfExecutedThings: text(abort?.minNumberOfExecutedThings),
    inProgressTimeoutInMinutes: text(template.timeoutConfig?.inProgressTimeoutInMinutes),
    retryFailed: text(
      retries.find((criteria) => criteria.failureType !== 'TIMED_OUT')?.numberOfRetries,
    ),
    retryTimedOut: text(
      retries.find((criteria) => criteria.failureType === 'TIMED_OUT')?.numberOfRetries,
    ),
    maintenanceWindowCron: window?.startTime ?? '',
    maintenanceWindowMinutes: text(window?.durationInMinutes),
    urlMode: template.presignedUrlConfig === undefined ? 'operator-presigned' : 'placeholder',
    presignedUrlExpirySeconds: text(template.presignedUrlConfig?.expiresInSec ?? 3600),
    documentTemplate: Object.keys(extra).length === 0 ? '' : JSON.stringify(extra, null, 2),
  }
  return {
    ...(template.jobTemplateArn === undefined ? {} : { jobTemplateArn: template.jobTemplateArn }),
    ...(typeof document.model === 'string' ? { model: document.model } : {}),
    ...(typeof document.version === 'string' ? { version: document.version } : {}),
    ...(typeof document.forced === 'boolean' ? { forced: document.forced } : {}),
    options,
    notes,
  }
}
