import type { IoTClient } from '@aws-sdk/client-iot'
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { thingNameSchema } from '@domain/identifiers.ts'
import { presignedUrlExpirySchema } from '@domain/job-config/presigned-url.ts'
import type { ConfigUploadDocument } from '@domain/job-document.ts'
import { validateWith, ValidationError } from '@domain/validation.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { configUploadKey } from '../utils/config-keys.ts'
import { configJobDescription, createdByTags } from '../utils/config-job.ts'
import { createJob, type CreatedJob, type CreateJobInput } from './create-job.ts'
import { jobsKeys } from './jobs-keys.ts'
import { resolveConfigTargets } from './resolve-config-targets.ts'

/**
 * A config-upload job: one device PUTs its current configuration to
 * `uploads/<thing>/<jobId>.json` in the config bucket. IoT's URL placeholders
 * pre-sign GET only, so the URL is pre-signed for PUT here with the
 * operator's own credentials (the S3 client computes checksums only when
 * required, so none is hoisted into the URL that the device's body would
 * have to match). Its expiry is chosen by the operator and capped at an hour:
 * a URL signed with temporary credentials stops working when they expire.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/PresignedUrlUploadObject.html
 */
export interface ConfigUploadRequest {
  /** From newJobId, once per submission. */
  readonly jobId: string
  readonly thingName: string
  readonly expiresInSeconds: number
  readonly createdBy?: string | undefined
}

export interface ConfigUploadClients {
  readonly iot: IoTClient
  readonly s3: S3Client
  readonly bucket: string
}

export interface PreparedConfigUpload {
  readonly key: string
  readonly input: CreateJobInput
}

/** Checks the request, finds the thing's ARN and signs the URL: everything but CreateJob. */
export async function prepareConfigUploadJob(
  { iot, s3, bucket }: ConfigUploadClients,
  request: ConfigUploadRequest,
  signal?: AbortSignal,
): Promise<PreparedConfigUpload> {
  const thingName = validateWith(thingNameSchema, request.thingName)
  const expiry = validateWith(presignedUrlExpirySchema, request.expiresInSeconds)
  if (!thingName.ok || !expiry.ok) {
    throw new ValidationError([
      ...(thingName.ok ? [] : thingName.issues),
      ...(expiry.ok ? [] : expiry.issues),
    ])
  }
  const key = configUploadKey(thingName.value, request.jobId)
  const targets = await resolveConfigTargets(
    iot,
    { kind: 'thing', thingName: thingName.value },
    signal,
  )
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key }), {
    expiresIn: expiry.value,
  })
  const document: ConfigUploadDocument = { operation: 'config-upload', url }
  const tags = createdByTags(request.createdBy)
  return {
    key,
    input: {
      jobId: request.jobId,
      document,
      options: {
        targets,
        description: configJobDescription(
          `Configuration upload from ${thingName.value}`,
          request.createdBy,
        ),
        ...(tags.length === 0 ? {} : { tags }),
      },
    },
  }
}

export async function createConfigUploadJob(
  clients: ConfigUploadClients,
  request: ConfigUploadRequest,
  signal?: AbortSignal,
): Promise<CreatedJob & { readonly key: string }> {
  const prepared = await prepareConfigUploadJob(clients, request, signal)
  return { ...(await createJob(clients.iot, prepared.input, signal)), key: prepared.key }
}

/**
 * The mutation keeps each submission's prepared request by job id: a retry
 * of the same submission sends the very same document (the same signed URL),
 * which createJob recognises as the job it already made, instead of a newly
 * signed URL that would read as a different job under the same id.
 */
export function useCreateConfigUploadJob() {
  const { iot, s3, config } = useAwsClients()
  const queryClient = useQueryClient()
  const prepared = useRef(new Map<string, Promise<PreparedConfigUpload>>())
  return useMutation({
    mutationFn: async (request: ConfigUploadRequest) => {
      const clients = { iot, s3, bucket: config.configBucket }
      let preparing = prepared.current.get(request.jobId)
      if (preparing === undefined) {
        preparing = prepareConfigUploadJob(clients, request)
        prepared.current.set(request.jobId, preparing)
        preparing.catch(() => prepared.current.delete(request.jobId))
      }
      const { key, input } = await preparing
      return { ...(await createJob(iot, input)), key }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobsKeys.all }),
  })
}
