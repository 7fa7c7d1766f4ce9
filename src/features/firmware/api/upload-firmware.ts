import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import {
  createFirmwareManifest,
  firmwareImageKey,
  firmwareManifestKey,
  serializeFirmwareManifest,
  validateFirmwareUpload,
  type FirmwareManifest,
} from '@domain/firmware-manifest.ts'
import { ValidationError } from '@domain/validation.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { isPreconditionFailedError } from '@/lib/aws/aws-error-message.ts'
import type { UploadTuning } from '../utils/plan-upload.ts'
import { firmwareKeys } from './firmware-keys.ts'
import { objectExists } from './object-exists.ts'
import { uploadNewObject, type UploadByteProgress } from './upload-new-object.ts'

/**
 * Publishes a firmware release (domain/firmware-manifest.ts): checks the
 * input, refuses a version the catalog already has, streams the image to
 * `<model>/<version>/firmware.bin` while hashing it, then writes the
 * manifest, which makes the version appear. Both writes are conditional
 * (If-None-Match: *), so of two operators publishing the same version at
 * once exactly one succeeds and a published release is never overwritten.
 * A publish that stopped between the two writes is finished by uploading the
 * same file again (see checkExistingImage).
 */
export interface UploadFirmwareInput {
  readonly model: string
  readonly version: string
  readonly notes: string
  readonly file: Blob
  /** The signed-in user, recorded in the manifest. */
  readonly uploadedBy?: string | undefined
}

export type UploadFirmwarePhase = 'checking' | 'uploading' | 'publishing'

export interface UploadFirmwareProgress extends UploadByteProgress {
  readonly phase: UploadFirmwarePhase
}

export interface UploadFirmwareOptions {
  readonly signal?: AbortSignal | undefined
  readonly onProgress?: ((progress: UploadFirmwareProgress) => void) | undefined
  /** Part sizes and thresholds; tests make them small. */
  readonly tuning?: UploadTuning | undefined
  readonly now?: () => Date
}

/**
 * The version cannot be published under this name. `published`: the catalog
 * has it. `unpublished-image`: an image is at the key without a manifest,
 * from another upload still running or one that stopped between its two
 * writes, and it is not the same file.
 */
export class FirmwareVersionConflictError extends Error {
  override readonly name = 'FirmwareVersionConflictError'

  constructor(
    readonly model: string,
    readonly version: string,
    readonly reason: 'published' | 'unpublished-image',
    readonly imageKey: string,
  ) {
    super(
      reason === 'published'
        ? `Version ${version} of model ${model} already exists.`
        : `Version ${version} of model ${model} has another image waiting to be published: another upload may be running, or an earlier one stopped before it finished. Try again in a minute; if this persists, ask an administrator to delete ${imageKey} from the firmware bucket.`,
    )
  }
}

/**
 * The image key was taken. If the catalog has the version meanwhile, it is a
 * duplicate. If not, the image is ours to publish only when it is byte for
 * byte the file we hashed, which resumes a publish that stopped between the
 * image and the manifest (a closed tab, a lost connection). S3 keeps the
 * image's SHA-256 checksum: of the whole for one PutObject, composite
 * (`…-N`, over the parts' digests) for a multipart upload. The part plan
 * follows from the file size, so the same file uploaded again gives the same
 * value. Same bytes cut into other parts (an image uploaded by another tool
 * or with other part sizes) do not match, and are refused like a different file.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
async function checkExistingImage(
  s3: S3Client,
  bucket: string,
  release: { model: string; version: string; size: number; checksumSHA256: string },
  signal: AbortSignal | undefined,
): Promise<void> {
  const { model, version } = release
  const imageKey = firmwareImageKey(model, version)
  if (await objectExists(s3, bucket, firmwareManifestKey(model, version), signal)) {
    throw new FirmwareVersionConflictError(model, version, 'published', imageKey)
  }
  const image = await s3.send(
    new HeadObjectCommand({ Bucket: bucket, Key: imageKey, ChecksumMode: 'ENABLED' }),
    { abortSignal: signal },
  )
  if (image.ContentLength !== release.size || image.ChecksumSHA256 !== release.checksumSHA256) {
    throw new FirmwareVersionConflictError(model, version, 'unpublished-image', imageKey)
  }
}

export async function uploadFirmware(
  s3: S3Client,
  bucket: string,
  input: UploadFirmwareInput,
  { signal, onProgress, tuning, now = () => new Date() }: UploadFirmwareOptions = {},
): Promise<FirmwareManifest> {
  const validated = validateFirmwareUpload({
    model: input.model,
    version: input.version,
    notes: input.notes,
    size: input.file.size,
  })
  if (!validated.ok) throw new ValidationError(validated.issues)
  const release = validated.value
  const { model, version } = release
  const imageKey = firmwareImageKey(model, version)
  const manifestKey = firmwareManifestKey(model, version)
  let bytes: UploadByteProgress = { bytesHashed: 0, bytesUploaded: 0, totalBytes: release.size }
  const report = (phase: UploadFirmwarePhase) => onProgress?.({ phase, ...bytes })

  // A cheap early refusal; the conditional writes below are what guarantee it.
  report('checking')
  if (await objectExists(s3, bucket, manifestKey, signal)) {
    throw new FirmwareVersionConflictError(model, version, 'published', imageKey)
  }

  report('uploading')
  const image = await uploadNewObject(
    s3,
    {
      bucket,
      key: imageKey,
      body: input.file,
      contentType: 'application/octet-stream',
      metadata: { model, version },
    },
    {
      signal,
      tuning,
      onProgress: (progress) => {
        bytes = progress
        report('uploading')
      },
    },
  )
  if (image.outcome === 'exists') {
    await checkExistingImage(
      s3,
      bucket,
      { ...release, checksumSHA256: image.checksumSHA256 },
      signal,
    )
  }

  report('publishing')
  const manifest = createFirmwareManifest({
    ...release,
    sha256: image.sha256,
    uploadedAt: now().toISOString(),
    uploadedBy: input.uploadedBy,
  })
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: manifestKey,
        Body: serializeFirmwareManifest(manifest),
        ContentType: 'application/json',
        IfNoneMatch: '*',
      }),
      { abortSignal: signal },
    )
  } catch (error) {
    if (isPreconditionFailedError(error)) {
      throw new FirmwareVersionConflictError(model, version, 'published', imageKey)
    }
    throw error
  }
  return manifest
}

export interface UploadFirmwareVariables {
  readonly input: UploadFirmwareInput
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: UploadFirmwareProgress) => void
}

/** Uploads to the configured firmware bucket; the catalog is refetched whatever the outcome (a conflict means it is stale). */
export function useUploadFirmware() {
  const { s3, config } = useAwsClients()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ input, signal, onProgress }: UploadFirmwareVariables) =>
      uploadFirmware(s3, config.firmwareBucket, input, { signal, onProgress }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: firmwareKeys.all }),
  })
}
