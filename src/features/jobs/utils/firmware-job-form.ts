import type { AccountScope } from '@domain/arn.ts'
import { ROLE_NAMES } from '@domain/permissions.ts'
import { DEFAULT_PRESIGNED_URL_EXPIRY_SECONDS } from '@domain/job-config/presigned-url.ts'
import type { InstallDocument } from '@domain/job-document.ts'
import { presignedUrlPlaceholder } from '@domain/job-document.ts'
import { s3ObjectUrl } from '@domain/s3-object-url.ts'

/**
 * The wizard's options as the form holds them (text from inputs), and their
 * mapping onto CreateJob's members. The mapping does not validate: the
 * domain's validateCreateJobOptions does, and its issue paths
 * (`jobExecutionsRolloutConfig.maximumPerMinute`) are mapped back to fields
 * with `fieldOfIssue`. Empty text means "leave the member out".
 */
export type RolloutMode = 'none' | 'constant' | 'exponential'
export type UrlMode = 'placeholder' | 'operator-presigned'

export interface JobOptionsForm {
  readonly targetSelection: 'SNAPSHOT' | 'CONTINUOUS'
  readonly rolloutMode: RolloutMode
  readonly maximumPerMinute: string
  readonly baseRatePerMinute: string
  readonly incrementFactor: string
  readonly numberOfNotifiedThings: string
  readonly numberOfSucceededThings: string
  readonly abortEnabled: boolean
  readonly abortFailureType: 'FAILED' | 'REJECTED' | 'TIMED_OUT' | 'ALL'
  readonly abortThresholdPercentage: string
  readonly abortMinNumberOfExecutedThings: string
  readonly inProgressTimeoutInMinutes: string
  readonly retryFailed: string
  readonly retryTimedOut: string
  readonly startTime: string
  readonly endTime: string
  readonly endBehavior: '' | 'STOP_ROLLOUT' | 'CANCEL' | 'FORCE_CANCEL'
  readonly maintenanceWindowCron: string
  readonly maintenanceWindowMinutes: string
  readonly description: string
  readonly tags: readonly { readonly key: string; readonly value: string }[]
  readonly urlMode: UrlMode
  readonly presignedUrlExpirySeconds: string
  /** Operator-presigned URL lifetime; S3 SigV4 allows at most 7 days. */
  readonly operatorUrlExpiryHours: string
  readonly documentTemplate: string
}

export const MAX_OPERATOR_URL_EXPIRY_HOURS = 7 * 24

export const defaultJobOptionsForm: JobOptionsForm = {
  targetSelection: 'SNAPSHOT',
  rolloutMode: 'none',
  maximumPerMinute: '',
  baseRatePerMinute: '',
  incrementFactor: '',
  numberOfNotifiedThings: '',
  numberOfSucceededThings: '',
  abortEnabled: false,
  abortFailureType: 'FAILED',
  abortThresholdPercentage: '',
  abortMinNumberOfExecutedThings: '',
  inProgressTimeoutInMinutes: '',
  retryFailed: '',
  retryTimedOut: '',
  startTime: '',
  endTime: '',
  endBehavior: '',
  maintenanceWindowCron: '',
  maintenanceWindowMinutes: '',
  description: '',
  tags: [],
  urlMode: 'placeholder',
  presignedUrlExpirySeconds: String(DEFAULT_PRESIGNED_URL_EXPIRY_SECONDS),
  operatorUrlExpiryHours: '24',
  documentTemplate: '',
}

/** Text as a number for the validator; non-numbers stay text so it reports them. */
const numberOf = (text: string): number | string => {
  const trimmed = text.trim()
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed
}
const present = (text: string) => text.trim() !== ''

/** The role IoT assumes to pre-sign placeholders, in the dashboard's account. */
export const presignerRoleArn = (scope: Required<AccountScope>): string =>
  `arn:${scope.partition}:iam::${scope.accountId}:role/${ROLE_NAMES.iotPresigner}`

export const CREATED_BY_TAG = 'createdBy'

export interface OptionsContext {
  readonly targets: readonly string[]
  readonly account: Required<AccountScope> | undefined
  readonly username: string | undefined
}

/** The CreateJob members besides jobId and document, unvalidated. */
export function createJobOptionsInput(
  form: JobOptionsForm,
  { targets, account, username }: OptionsContext,
): Record<string, unknown> {
  const options: Record<string, unknown> = { targets: [...targets] }
  if (form.targetSelection === 'CONTINUOUS') options.targetSelection = 'CONTINUOUS'
  if (present(form.description)) options.description = form.description.trim()
  if (form.rolloutMode === 'constant') {
    options.jobExecutionsRolloutConfig = { maximumPerMinute: numberOf(form.maximumPerMinute) }
  } else if (form.rolloutMode === 'exponential') {
    const criteria: Record<string, unknown> = {}
    if (present(form.numberOfNotifiedThings))
      criteria.numberOfNotifiedThings = numberOf(form.numberOfNotifiedThings)
    if (present(form.numberOfSucceededThings))
      criteria.numberOfSucceededThings = numberOf(form.numberOfSucceededThings)
    options.jobExecutionsRolloutConfig = {
      ...(present(form.maximumPerMinute)
        ? { maximumPerMinute: numberOf(form.maximumPerMinute) }
        : {}),
      exponentialRate: {
        baseRatePerMinute: numberOf(form.baseRatePerMinute),
        incrementFactor: numberOf(form.incrementFactor),
        rateIncreaseCriteria: criteria,
      },
    }
  }
  if (form.abortEnabled) {
    options.abortConfig = {
      criteriaList: [
        {
          failureType: form.abortFailureType,
          action: 'CANCEL',
          thresholdPercentage: numberOf(form.abortThresholdPercentage),
          minNumberOfExecutedThings: numberOf(form.abortMinNumberOfExecutedThings),
        },
      ],
    }
  }
  if (present(form.inProgressTimeoutInMinutes)) {
    options.timeoutConfig = {
      inProgressTimeoutInMinutes: numberOf(form.inProgressTimeoutInMinutes),
    }
  }
  const retries = [
    ...(present(form.retryFailed)
      ? [{ failureType: 'FAILED', numberOfRetries: numberOf(form.retryFailed) }]
      : []),
    ...(present(form.retryTimedOut)
      ? [{ failureType: 'TIMED_OUT', numberOfRetries: numberOf(form.retryTimedOut) }]
      : []),
  ]
  if (retries.length > 0) options.jobExecutionsRetryConfig = { criteriaList: retries }
  const scheduling: Record<string, unknown> = {}
  if (present(form.startTime)) scheduling.startTime = form.startTime.trim()
  if (present(form.endTime)) scheduling.endTime = form.endTime.trim()
  if (form.endBehavior !== '') scheduling.endBehavior = form.endBehavior
  if (present(form.maintenanceWindowCron) || present(form.maintenanceWindowMinutes)) {
    scheduling.maintenanceWindows = [
      {
        startTime: form.maintenanceWindowCron.trim(),
        durationInMinutes: numberOf(form.maintenanceWindowMinutes),
      },
    ]
  }
  if (Object.keys(scheduling).length > 0) options.schedulingConfig = scheduling
  if (form.urlMode === 'placeholder') {
    options.presignedUrlConfig = {
      roleArn: account === undefined ? '' : presignerRoleArn(account),
      expiresInSec: numberOf(form.presignedUrlExpirySeconds),
    }
  }
  const tags = form.tags
    .filter((tag) => present(tag.key) && tag.key.trim() !== CREATED_BY_TAG)
    .map((tag) => ({ Key: tag.key.trim(), Value: tag.value }))
  if (username !== undefined && username !== '')
    tags.unshift({ Key: CREATED_BY_TAG, Value: username })
  if (tags.length > 0) options.tags = tags
  return options
}

/** Where a validation issue belongs in the form: the first path segments name the field. */
export function fieldOfIssue(
  path: string,
  options?: Readonly<Record<string, unknown>>,
): keyof JobOptionsForm | 'targets' | 'document' {
  // Retry criteria are listed FAILED then TIMED_OUT, either may be absent.
  const retry = /^jobExecutionsRetryConfig\.criteriaList\[(\d+)\]/.exec(path)
  if (retry !== null && options !== undefined) {
    const list = (options.jobExecutionsRetryConfig as { criteriaList?: { failureType?: string }[] })
      ?.criteriaList
    return list?.[Number(retry[1])]?.failureType === 'TIMED_OUT' ? 'retryTimedOut' : 'retryFailed'
  }
  const rules: [RegExp, keyof JobOptionsForm | 'targets' | 'document'][] = [
    [/^targets/, 'targets'],
    [/^document/, 'document'],
    [/^description/, 'description'],
    [/exponentialRate\.baseRatePerMinute/, 'baseRatePerMinute'],
    [/exponentialRate\.incrementFactor/, 'incrementFactor'],
    [/rateIncreaseCriteria\.numberOfNotifiedThings/, 'numberOfNotifiedThings'],
    [/rateIncreaseCriteria\.numberOfSucceededThings/, 'numberOfSucceededThings'],
    [/rateIncreaseCriteria/, 'numberOfNotifiedThings'],
    [/^jobExecutionsRolloutConfig/, 'maximumPerMinute'],
    [/thresholdPercentage/, 'abortThresholdPercentage'],
    [/^abortConfig/, 'abortMinNumberOfExecutedThings'],
    [/^timeoutConfig/, 'inProgressTimeoutInMinutes'],
    [/^jobExecutionsRetryConfig\.criteriaList\[1\]/, 'retryTimedOut'],
    [/^jobExecutionsRetryConfig/, 'retryFailed'],
    [/maintenanceWindows.*durationInMinutes/, 'maintenanceWindowMinutes'],
    [/maintenanceWindows/, 'maintenanceWindowCron'],
    [/schedulingConfig\.endBehavior/, 'endBehavior'],
    [/schedulingConfig\.endTime/, 'endTime'],
    [/^schedulingConfig/, 'startTime'],
    [/^presignedUrlConfig/, 'presignedUrlExpirySeconds'],
    [/^tags/, 'tags'],
  ]
  return rules.find(([pattern]) => pattern.test(path))?.[1] ?? 'description'
}

export interface ReleaseForDocument {
  readonly model: string
  readonly version: string
  readonly size: number
  readonly sha256: string
  readonly imageKey: string
}

/**
 * The generated install document (PRODUCT.md "Job documents"). In
 * placeholder mode the URL is `${aws:iot:s3-presigned-url:…}`, which IoT
 * replaces with a fresh pre-signed GET each time a device fetches the
 * document, using presignedUrlConfig's role; otherwise the operator's own
 * pre-signed URL.
 * https://docs.aws.amazon.com/iot/latest/developerguide/create-manage-jobs.html#create-manage-jobs-presigned-URLs
 */
export function installDocument(
  release: ReleaseForDocument,
  {
    forced,
    bucket,
    region,
    operatorUrl,
  }: { forced: boolean; bucket: string; region: string; operatorUrl?: string | undefined },
): InstallDocument {
  return {
    operation: 'install',
    url:
      operatorUrl ??
      presignedUrlPlaceholder(s3ObjectUrl({ bucket, key: release.imageKey, region })),
    version: release.version,
    sha256: release.sha256,
    size: release.size,
    forced,
    model: release.model,
  }
}
