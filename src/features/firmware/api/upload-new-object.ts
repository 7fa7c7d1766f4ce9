import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import {
  DEFAULT_UPLOAD_TUNING,
  planUpload,
  type PartRange,
  type UploadTuning,
} from './plan-upload.ts'

/**
 * Writes a Blob (a File from the browser) to a key that must not exist yet,
 * reading it once: each slice is hashed with SHA-256 and then sent, so a
 * large image is never held in memory whole and never read twice. The
 * final write carries `If-None-Match: *`, so it never replaces an object;
 * of concurrent writers the first to finish wins and the others get 412
 * PreconditionFailed (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html).
 */
export interface UploadNewObjectInput {
  readonly bucket: string
  readonly key: string
  readonly body: Blob
  readonly contentType: string
  readonly metadata?: Readonly<Record<string, string>>
}

export interface UploadByteProgress {
  readonly bytesHashed: number
  readonly bytesUploaded: number
  readonly totalBytes: number
}

export interface UploadNewObjectOptions {
  readonly signal?: AbortSignal | undefined
  readonly onProgress?: ((progress: UploadByteProgress) => void) | undefined
  readonly tuning?: UploadTuning | undefined
}

/** `exists`: the key was taken (before or while we wrote); nothing of ours is left behind. */
export interface UploadNewObjectResult {
  readonly outcome: 'created' | 'exists'
  /** Hex SHA-256 of the body, complete either way. */
  readonly sha256: string
}

const isPreconditionFailed = (error: unknown) =>
  error instanceof Error && error.name === 'PreconditionFailed'

/** S3's x-amz-checksum-sha256 is the base64 of the digest. */
export function sha256Base64(hex: string): string {
  let binary = ''
  for (let index = 0; index < hex.length; index += 2)
    binary += String.fromCharCode(parseInt(hex.slice(index, index + 2), 16))
  return btoa(binary)
}

export async function uploadNewObject(
  s3: S3Client,
  input: UploadNewObjectInput,
  { signal, onProgress, tuning = DEFAULT_UPLOAD_TUNING }: UploadNewObjectOptions = {},
): Promise<UploadNewObjectResult> {
  const totalBytes = input.body.size
  const hasher = sha256.create()
  let bytesHashed = 0
  let bytesUploaded = 0
  const report = () => onProgress?.({ bytesHashed, bytesUploaded, totalBytes })

  // Set for a multipart upload: reading stops when a part fails, not only on the caller's abort.
  let readSignal = signal

  /** Reads [start, end) chunk by chunk, hashing in file order; each read yields to the page. */
  const readHashed = async ({ start, end }: Pick<PartRange, 'start' | 'end'>) => {
    const bytes = new Uint8Array(end - start)
    for (let offset = start; offset < end; offset += tuning.readChunkBytes) {
      readSignal?.throwIfAborted()
      const chunkEnd = Math.min(end, offset + tuning.readChunkBytes)
      const chunk = new Uint8Array(await input.body.slice(offset, chunkEnd).arrayBuffer())
      hasher.update(chunk)
      bytes.set(chunk, offset - start)
      bytesHashed += chunk.length
      report()
    }
    return bytes
  }

  const plan = planUpload(totalBytes, tuning)
  report()
  if (plan.kind === 'single') {
    const bytes = await readHashed({ start: 0, end: totalBytes })
    const digest = bytesToHex(hasher.digest())
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: input.bucket,
          Key: input.key,
          Body: bytes,
          ContentType: input.contentType,
          ...(input.metadata === undefined ? {} : { Metadata: { ...input.metadata } }),
          // S3 checks the bytes against it and keeps it as the object's full-object checksum.
          ChecksumSHA256: sha256Base64(digest),
          IfNoneMatch: '*',
        }),
        { abortSignal: signal },
      )
    } catch (error) {
      if (isPreconditionFailed(error)) return { outcome: 'exists', sha256: digest }
      throw error
    }
    bytesUploaded = totalBytes
    report()
    return { outcome: 'created', sha256: digest }
  }

  const { UploadId } = await s3.send(
    new CreateMultipartUploadCommand({
      Bucket: input.bucket,
      Key: input.key,
      ContentType: input.contentType,
      ...(input.metadata === undefined ? {} : { Metadata: { ...input.metadata } }),
    }),
    { abortSignal: signal },
  )
  const target = { Bucket: input.bucket, Key: input.key, UploadId }
  // Parts in flight stop when the caller aborts or one part fails.
  const stop = new AbortController()
  const onAbort = () => stop.abort(signal?.reason)
  signal?.addEventListener('abort', onAbort)
  if (signal?.aborted === true) onAbort()
  readSignal = stop.signal
  try {
    const parts = await uploadParts(s3, target, plan.parts, {
      readHashed,
      partsInFlight: tuning.partsInFlight,
      stop,
      onPartUploaded: (size) => {
        bytesUploaded += size
        report()
      },
    })
    const digest = bytesToHex(hasher.digest())
    try {
      await s3.send(
        new CompleteMultipartUploadCommand({
          ...target,
          MultipartUpload: { Parts: parts },
          IfNoneMatch: '*',
        }),
        { abortSignal: stop.signal },
      )
    } catch (error) {
      if (!isPreconditionFailed(error)) throw error
      await abandon(s3, target)
      return { outcome: 'exists', sha256: digest }
    }
    return { outcome: 'created', sha256: digest }
  } catch (error) {
    stop.abort(error)
    await abandon(s3, target)
    throw error
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }
}

/** AbortMultipartUpload frees the parts (S3 bills for them until then). Not under the caller's signal: it must run after a cancel. */
async function abandon(
  s3: S3Client,
  target: { Bucket: string; Key: string; UploadId: string | undefined },
): Promise<void> {
  await s3.send(new AbortMultipartUploadCommand(target)).catch(() => undefined)
}

/**
 * Reads part after part (hashing in order) and uploads up to `partsInFlight`
 * of them at once, so memory stays near (partsInFlight + 1) × part size.
 * The first failure stops the rest (through `stop`) and is thrown once every
 * part in flight has settled, so nothing is still writing when the upload is
 * abandoned.
 */
async function uploadParts(
  s3: S3Client,
  target: { Bucket: string; Key: string; UploadId: string | undefined },
  plan: readonly PartRange[],
  options: {
    readonly readHashed: (range: PartRange) => Promise<Uint8Array>
    readonly partsInFlight: number
    readonly stop: AbortController
    readonly onPartUploaded: (size: number) => void
  },
): Promise<CompletedPart[]> {
  const { stop } = options
  const completed: CompletedPart[] = []
  const inFlight = new Set<Promise<void>>()
  let failure: { readonly error: unknown } | undefined
  const fail = (error: unknown) => {
    failure ??= { error }
    stop.abort(error)
  }
  try {
    for (const range of plan) {
      const bytes = await options.readHashed(range)
      while (inFlight.size >= options.partsInFlight && failure === undefined)
        await Promise.race(inFlight)
      if (failure !== undefined) break
      const tracked: Promise<void> = s3
        .send(new UploadPartCommand({ ...target, PartNumber: range.partNumber, Body: bytes }), {
          abortSignal: stop.signal,
        })
        .then(({ ETag }) => {
          completed.push({ PartNumber: range.partNumber, ETag })
          options.onPartUploaded(bytes.length)
        }, fail)
        .finally(() => inFlight.delete(tracked))
      inFlight.add(tracked)
    }
  } catch (error) {
    fail(error)
  }
  await Promise.all(inFlight)
  if (failure !== undefined) throw failure.error
  // CompleteMultipartUpload wants the parts in ascending order.
  return completed.sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0))
}
