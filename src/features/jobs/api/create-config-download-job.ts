import type { IoTClient } from '@aws-sdk/client-iot'
import type { S3Client } from '@aws-sdk/client-s3'
import { useMutation } from '@tanstack/react-query'
import { DEFAULT_PRESIGNED_URL_EXPIRY_SECONDS } from '@domain/job-config/presigned-url.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import {
  configDownloadDocument,
  configJobDescription,
  createdByTags,
  presignerRoleArnFor,
} from '../utils/config-job.ts'
import { parseConfigKey } from '../utils/config-keys.ts'
import { newJobId } from '../utils/new-job-id.ts'
import {
  findPendingSubmission,
  fingerprintOf,
  savePendingSubmission,
} from '../utils/pending-submission.ts'
import { createJob, type CreatedJob, type CreateJobInput } from './create-job.ts'
import { getConfiguration } from './get-configuration.ts'
import { usePendingSubmission } from './use-pending-submission.ts'
import { resolveJobTargets, type NamedJobTarget } from './resolve-job-targets.ts'

/**
 * A config-download job: push one configuration file to things or a group.
 * The file's SHA-256 is computed here from the bytes read now, so devices
 * verify exactly what the operator looked at; the URL is IoT's pre-signed
 * placeholder signed with the presigner role (utils/config-job.ts).
 */
export interface ConfigDownloadRequest {
  /** From newJobId, once per submission. */
  readonly jobId: string
  /** The configuration's key in the config bucket. */
  readonly key: string
  readonly target: NamedJobTarget
  /** CONTINUOUS only makes sense for a group: members added later get it too. */
  readonly targetSelection?: 'SNAPSHOT' | 'CONTINUOUS' | undefined
  readonly expiresInSeconds?: number | undefined
  readonly createdBy?: string | undefined
}

export interface ConfigDownloadClients {
  readonly iot: IoTClient
  readonly s3: S3Client
  readonly bucket: string
  readonly region: string
}

const targetLabel = (target: NamedJobTarget): string =>
  target.kind === 'thing'
    ? target.thingName
    : target.kind === 'group'
      ? `group ${target.thingGroupName}`
      : `${target.thingNames.length} things`

export async function prepareConfigDownloadJob(
  { iot, s3, bucket, region }: ConfigDownloadClients,
  request: ConfigDownloadRequest,
  signal?: AbortSignal,
): Promise<CreateJobInput> {
  if (parseConfigKey(request.key) === undefined)
    throw new Error(
      `${request.key} is not a configuration file (<model>/<name>.json or uploads/…).`,
    )
  if (request.targetSelection === 'CONTINUOUS' && request.target.kind !== 'group')
    throw new Error('Only a thing group can be targeted continuously.')
  const [targets, file] = await Promise.all([
    resolveJobTargets(iot, request.target, signal),
    getConfiguration(s3, { bucket, key: request.key }, signal),
  ])
  const tags = createdByTags(request.createdBy)
  return {
    jobId: request.jobId,
    document: configDownloadDocument({ bucket, key: request.key, region, sha256: file.sha256 }),
    options: {
      targets,
      ...(request.targetSelection === undefined
        ? {}
        : { targetSelection: request.targetSelection }),
      presignedUrlConfig: {
        roleArn: presignerRoleArnFor(targets[0] ?? ''),
        expiresInSec: request.expiresInSeconds ?? DEFAULT_PRESIGNED_URL_EXPIRY_SECONDS,
      },
      description: configJobDescription(
        `Configuration ${request.key} to ${targetLabel(request.target)}`,
        request.createdBy,
      ),
      ...(tags.length === 0 ? {} : { tags }),
    },
  }
}

export async function createConfigDownloadJob(
  clients: ConfigDownloadClients,
  request: ConfigDownloadRequest,
  signal?: AbortSignal,
): Promise<CreatedJob> {
  return createJob(clients.iot, await prepareConfigDownloadJob(clients, request, signal), signal)
}

export type ConfigDownloadSubmission = Omit<ConfigDownloadRequest, 'jobId'>

/**
 * Each submission (the same file, targets and user) keeps its job id in
 * sessionStorage (utils/pending-submission.ts, the wizard's store, in a slot
 * of its own) until the job exists: a double click, a retry or a reload of
 * the tab names the same job, so AWS can never create a second one.
 */
export function useCreateConfigDownloadJob() {
  const { iot, s3, config } = useAwsClients()
  const { stores, onSuccess, onError } = usePendingSubmission('config-download')
  return useMutation({
    mutationFn: (submission: ConfigDownloadSubmission) => {
      const nowMs = Date.now()
      const fingerprint = fingerprintOf({ bucket: config.configBucket, ...submission })
      let pending = findPendingSubmission(stores, fingerprint, nowMs)
      if (pending === undefined) {
        pending = { fingerprint, jobId: newJobId('config-download'), savedAtMs: nowMs }
        savePendingSubmission(stores, pending)
      }
      return createConfigDownloadJob(
        { iot, s3, bucket: config.configBucket, region: config.region },
        { ...submission, jobId: pending.jobId },
      )
    },
    onSuccess,
    onError,
  })
}
