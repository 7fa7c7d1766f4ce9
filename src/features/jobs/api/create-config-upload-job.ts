import {
  DescribeJobCommand,
  GetJobDocumentCommand,
  ResourceNotFoundException,
  type IoTClient,
} from '@aws-sdk/client-iot'
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { useMutation } from '@tanstack/react-query'
import { thingNameSchema } from '@domain/identifiers.ts'
import type { ConfigUploadDocument } from '@domain/job-document.ts'
import { integerInRange } from '@domain/number-rules.ts'
import { validateWith, ValidationError } from '@domain/validation.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { configUploadKey } from '../utils/config-keys.ts'
import { configJobDescription, createdByTags } from '../utils/config-job.ts'
import {
  configUploadScheduling,
  isSchedulingStillValid,
  presignedUrlExpiresAtMs,
  MAX_CONFIG_UPLOAD_URL_EXPIRY_SECONDS,
  MIN_CONFIG_UPLOAD_URL_EXPIRY_SECONDS,
} from '../utils/config-upload-schedule.ts'
import { newJobId } from '../utils/new-job-id.ts'
import {
  clearPendingSubmission,
  findPendingSubmission,
  fingerprintOf,
  savePendingSubmission,
} from '../utils/pending-submission.ts'
import { sameJsonText } from '../utils/same-json.ts'
import { createJob, type CreatedJob, type CreateJobInput } from './create-job.ts'
import { usePendingSubmission } from './use-pending-submission.ts'
import { resolveJobTargets } from './resolve-job-targets.ts'

/**
 * A config-upload job: one device PUTs its current configuration to
 * `uploads/<thing>/<jobId>.json` in the config bucket. IoT's URL placeholders
 * pre-sign GET only, so the URL is pre-signed for PUT here with the
 * operator's own credentials (the S3 client computes checksums only when
 * required, so none is hoisted into the URL that the device's body would
 * have to match). Its expiry is chosen by the operator and capped at an hour:
 * a URL signed with temporary credentials stops working when they expire.
 * The job ends, canceled, when the URL expires (utils/config-upload-schedule.ts).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/PresignedUrlUploadObject.html
 */
export interface ConfigUploadRequest {
  /** From newJobId, once per submission. */
  readonly jobId: string
  readonly thingName: string
  readonly expiresInSeconds: number
  readonly createdBy?: string | undefined
  /** The URL an earlier attempt of this submission signed: reused, so the document is the same. */
  readonly uploadUrl?: string | undefined
}

export interface ConfigUploadClients {
  readonly iot: IoTClient
  readonly s3: S3Client
  readonly bucket: string
}

export interface PreparedConfigUpload {
  readonly key: string
  readonly url: string
  readonly input: CreateJobInput
}

const uploadExpirySchema = integerInRange(
  'URL expiry (seconds)',
  MIN_CONFIG_UPLOAD_URL_EXPIRY_SECONDS,
  MAX_CONFIG_UPLOAD_URL_EXPIRY_SECONDS,
)

/** Checks the request, finds the thing's ARN and signs the URL (unless given): everything but CreateJob. */
export async function prepareConfigUploadJob(
  { iot, s3, bucket }: ConfigUploadClients,
  request: ConfigUploadRequest,
  signal?: AbortSignal,
): Promise<PreparedConfigUpload> {
  const thingName = validateWith(thingNameSchema, request.thingName)
  const expiry = validateWith(uploadExpirySchema, request.expiresInSeconds)
  if (!thingName.ok || !expiry.ok) {
    throw new ValidationError([
      ...(thingName.ok ? [] : thingName.issues),
      ...(expiry.ok ? [] : expiry.issues),
    ])
  }
  const key = configUploadKey(thingName.value, request.jobId)
  const targets = await resolveJobTargets(
    iot,
    { kind: 'thing', thingName: thingName.value },
    signal,
  )
  const url =
    request.uploadUrl ??
    (await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: expiry.value,
    }))
  const document: ConfigUploadDocument = { operation: 'config-upload', url }
  const tags = createdByTags(request.createdBy)
  return {
    key,
    url,
    input: {
      jobId: request.jobId,
      document,
      options: {
        targets,
        description: configJobDescription(
          `Configuration upload from ${thingName.value}`,
          request.createdBy,
        ),
        schedulingConfig: configUploadScheduling(url),
        ...(tags.length === 0 ? {} : { tags }),
      },
    },
  }
}

/**
 * The URL of an earlier attempt is now too close to expiring for AWS to take
 * the job's end time, and no job was created with it: start a new submission.
 */
export class StaleUploadUrlError extends Error {
  override readonly name = 'StaleUploadUrlError'

  constructor(readonly jobId: string) {
    super(
      `The upload URL signed for ${jobId} expires too soon for a new job, and no job was created with it.`,
    )
  }
}

/** Whether the job exists with this document: an earlier attempt of the same submission made it. */
async function existingJob(
  iot: IoTClient,
  prepared: PreparedConfigUpload,
  signal: AbortSignal | undefined,
): Promise<CreatedJob | undefined> {
  const { jobId } = prepared.input
  try {
    const [{ job }, { document }] = await Promise.all([
      iot.send(new DescribeJobCommand({ jobId }), { abortSignal: signal }),
      iot.send(new GetJobDocumentCommand({ jobId }), { abortSignal: signal }),
    ])
    if (document === undefined || !sameJsonText(document, JSON.stringify(prepared.input.document)))
      return undefined
    return { jobId, jobArn: job?.jobArn, created: false }
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined
    throw error
  }
}

/**
 * CreateJob for a prepared upload. A reused URL whose end time AWS would no
 * longer accept cannot make a new job: the job already exists (success) or
 * the submission must start again with a fresh id and URL.
 */
export async function createPreparedConfigUploadJob(
  iot: IoTClient,
  prepared: PreparedConfigUpload,
  signal?: AbortSignal,
  nowMs: number = Date.now(),
): Promise<CreatedJob & { readonly key: string }> {
  if (!isSchedulingStillValid(configUploadScheduling(prepared.url), nowMs)) {
    const existing = await existingJob(iot, prepared, signal)
    if (existing === undefined) throw new StaleUploadUrlError(prepared.input.jobId)
    return { ...existing, key: prepared.key }
  }
  return { ...(await createJob(iot, prepared.input, signal)), key: prepared.key }
}

export async function createConfigUploadJob(
  clients: ConfigUploadClients,
  request: ConfigUploadRequest,
  signal?: AbortSignal,
): Promise<CreatedJob & { readonly key: string }> {
  const prepared = await prepareConfigUploadJob(clients, request, signal)
  return createPreparedConfigUploadJob(clients.iot, prepared, signal)
}

export type ConfigUploadSubmission = Omit<ConfigUploadRequest, 'jobId' | 'uploadUrl'>

/**
 * Each submission (the same thing, expiry and user) keeps its job id and
 * signed URL in sessionStorage (utils/pending-submission.ts, the wizard's
 * store, in a slot of its own): a double click, a retry or a reload of the
 * tab sends the very same document, which createJob recognises as the job it
 * already made, instead of a newly signed URL that would read as a different
 * job under the same id. The URL is stored before CreateJob is sent; the
 * entry is dropped once the job exists.
 */
export function useCreateConfigUploadJob() {
  const { iot, s3, config } = useAwsClients()
  const { stores, onSuccess, onError } = usePendingSubmission('config-upload')
  return useMutation({
    mutationFn: async (submission: ConfigUploadSubmission) => {
      const clients = { iot, s3, bucket: config.configBucket }
      const fingerprint = fingerprintOf({ bucket: config.configBucket, ...submission })
      const attempt = async () => {
        const nowMs = Date.now()
        let entry = findPendingSubmission(stores, fingerprint, nowMs)
        if (entry === undefined) {
          entry = { fingerprint, jobId: newJobId('config-upload'), savedAtMs: nowMs }
          savePendingSubmission(stores, entry)
        }
        const prepared = await prepareConfigUploadJob(clients, {
          ...submission,
          jobId: entry.jobId,
          uploadUrl: entry.operatorUrl?.url,
        })
        // Stored before CreateJob is sent: a reload from here on resends this very document.
        if (entry.operatorUrl === undefined) {
          savePendingSubmission(stores, {
            ...entry,
            operatorUrl: {
              url: prepared.url,
              expiresAtMs: presignedUrlExpiresAtMs(prepared.url) ?? nowMs,
            },
          })
        }
        return createPreparedConfigUploadJob(iot, prepared)
      }
      try {
        return await attempt()
      } catch (error) {
        if (!(error instanceof StaleUploadUrlError)) throw error
        clearPendingSubmission(stores)
        return attempt()
      }
    },
    onSuccess,
    onError,
  })
}
