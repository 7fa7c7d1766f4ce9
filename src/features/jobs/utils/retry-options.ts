import type { Job } from '@aws-sdk/client-iot'
import { CREATED_BY_TAG_KEY } from './created-by-tag.ts'

/**
 * CreateJob options of a retry, from the job it retries (DescribeJob): the
 * settings that shape how a device runs the same document are kept (the
 * pre-signing role and URL lifetime its placeholders need, the in-progress
 * timeout, AWS's own retries, the rollout rate, the abort rule). What
 * belongs to the first run is not: a retry is a SNAPSHOT of the devices
 * that failed, starts now (a past schedule would be refused) and carries
 * its own description and tags. Members are picked one by one so nothing
 * AWS returns beyond CreateJob's shape reaches the validator.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_DescribeJob.html
 */
export const RETRY_OF_TAG_KEY = 'retryOf'
export const ROLLBACK_OF_TAG_KEY = 'rollbackOf'

type Loose = Record<string, unknown>

const defined = (entries: Loose): Loose =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined))

function rolloutOf(job: Job): Loose | undefined {
  const config = job.jobExecutionsRolloutConfig
  if (config === undefined) return undefined
  const rate = config.exponentialRate
  const criteria = rate?.rateIncreaseCriteria
  const picked = defined({
    maximumPerMinute: config.maximumPerMinute,
    exponentialRate:
      rate === undefined
        ? undefined
        : defined({
            baseRatePerMinute: rate.baseRatePerMinute,
            incrementFactor: rate.incrementFactor,
            rateIncreaseCriteria:
              criteria === undefined
                ? undefined
                : defined({
                    numberOfNotifiedThings: criteria.numberOfNotifiedThings,
                    numberOfSucceededThings: criteria.numberOfSucceededThings,
                  }),
          }),
  })
  return Object.keys(picked).length === 0 ? undefined : picked
}

/** The `createdBy` tag (when the user is known) and one naming the job this one comes from. */
export function originTags(
  key: typeof RETRY_OF_TAG_KEY | typeof ROLLBACK_OF_TAG_KEY,
  jobId: string,
  username: string | undefined,
): { Key: string; Value: string }[] {
  return [
    ...(username === undefined || username === ''
      ? []
      : [{ Key: CREATED_BY_TAG_KEY, Value: username }]),
    { Key: key, Value: jobId },
  ]
}

export function retryOptionsOf(
  job: Job,
  {
    retriedJobId,
    deviceCount,
    username,
  }: { retriedJobId: string; deviceCount: number; username?: string | undefined },
): Loose {
  const presign = job.presignedUrlConfig
  const abort = job.abortConfig?.criteriaList
  const retry = job.jobExecutionsRetryConfig?.criteriaList
  return defined({
    description: `Retry of ${retriedJobId} on ${deviceCount} ${deviceCount === 1 ? 'device' : 'devices'} whose execution FAILED or TIMED_OUT.`,
    presignedUrlConfig:
      presign?.roleArn === undefined
        ? undefined
        : defined({ roleArn: presign.roleArn, expiresInSec: presign.expiresInSec }),
    timeoutConfig:
      job.timeoutConfig?.inProgressTimeoutInMinutes === undefined
        ? undefined
        : { inProgressTimeoutInMinutes: job.timeoutConfig.inProgressTimeoutInMinutes },
    jobExecutionsRetryConfig:
      retry === undefined || retry.length === 0
        ? undefined
        : {
            criteriaList: retry.map((criteria) =>
              defined({
                failureType: criteria.failureType,
                numberOfRetries: criteria.numberOfRetries,
              }),
            ),
          },
    jobExecutionsRolloutConfig: rolloutOf(job),
    abortConfig:
      abort === undefined || abort.length === 0
        ? undefined
        : {
            criteriaList: abort.map((criteria) =>
              defined({
                failureType: criteria.failureType,
                action: criteria.action,
                thresholdPercentage: criteria.thresholdPercentage,
                minNumberOfExecutedThings: criteria.minNumberOfExecutedThings,
              }),
            ),
          },
    tags: originTags(RETRY_OF_TAG_KEY, retriedJobId, username),
  })
}
