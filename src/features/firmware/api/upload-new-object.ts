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
import { isPreconditionFailedError } from '@/lib/aws/aws-error-message.ts'
import { pipelinedMap } from '../utils/pipelined-map.ts'
import {
  DEFAULT_UPLOAD_TUNING,
  planUpload,
  type PartRange,
  type UploadTuning,
} from '../utils/plan-upload.ts'
import { bytesToBase64, compositeSha256Checksum } from '../utils/s3-checksums.ts'
import { objectExists } from './object-exists.ts'

/**
 * Writes a Blob (a File from the browser) to a key that must not exist yet,
 * reading it once: each slice feeds the file's SHA-256 (for the manifest)
 * and its part's (for S3), then is sent, so a large image is never held in
 * memory whole and never read twice. Every PutObject and UploadPart carries
 * its SHA-256, which S3 checks the bytes against (BadDigest otherwise), and
 * the object keeps a SHA-256 checksum: of the whole for one PutObject, the
 * composite one for a multipart upload
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html).
 *
 * The final write carries `If-None-Match: *`, so it never replaces an
 * object; of concurrent writers the first to finish wins and the others get
 * 412 PreconditionFailed (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html).
 * A key found taken before the upload is only hashed, not sent: the caller
 * compares checksums to recognise an earlier upload of the same file that
 * stopped before it was published, without sending gigabytes again.
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
  /**
   * The `x-amz-checksum-sha256` S3 keeps for this body uploaded by this
   * part plan (which depends only on the size and the tuning): base64 of the
   * SHA-256 for one PutObject, the composite `…-N` for a multipart upload.
   * With `exists`, an object holding the same bytes, written by the same
   * plan, reports the same value (HeadObject with ChecksumMode ENABLED).
   */
  readonly checksumSHA256: string
}

interface HashedPart {
  readonly bytes: Uint8Array
  /** Binary SHA-256 of `bytes`. */
  readonly digest: Uint8Array
}

interface MultipartTarget {
  readonly Bucket: string
  readonly Key: string
  readonly UploadId: string | undefined
}

export async function uploadNewObject(
  s3: S3Client,
  input: UploadNewObjectInput,
  { signal, onProgress, tuning = DEFAULT_UPLOAD_TUNING }: UploadNewObjectOptions = {},
): Promise<UploadNewObjectResult> {
  const totalBytes = input.body.size
  const plan = planUpload(totalBytes, tuning)
  const fileHash = sha256.create()
  let bytesHashed = 0
  let bytesUploaded = 0
  const report = () => onProgress?.({ bytesHashed, bytesUploaded, totalBytes })

  /** Reads [start, end) chunk by chunk, in file order; each read yields to the page. */
  const readPart = async (
    { start, end }: PartRange,
    readSignal: AbortSignal | undefined,
  ): Promise<HashedPart> => {
    const bytes = new Uint8Array(end - start)
    const partHash = sha256.create()
    for (let offset = start; offset < end; offset += tuning.readChunkBytes) {
      readSignal?.throwIfAborted()
      const chunkEnd = Math.min(end, offset + tuning.readChunkBytes)
      const chunk = new Uint8Array(await input.body.slice(offset, chunkEnd).arrayBuffer())
      fileHash.update(chunk)
      partHash.update(chunk)
      bytes.set(chunk, offset - start)
      bytesHashed += chunk.length
      report()
    }
    return { bytes, digest: partHash.digest() }
  }
  const uploaded = (size: number) => {
    bytesUploaded += size
    report()
  }
  const result = (
    outcome: UploadNewObjectResult['outcome'],
    partDigests: readonly Uint8Array[],
  ): UploadNewObjectResult => {
    const digest = fileHash.digest()
    return {
      outcome,
      sha256: bytesToHex(digest),
      checksumSHA256:
        plan.kind === 'single' ? bytesToBase64(digest) : compositeSha256Checksum(partDigests),
    }
  }
  const ranges: readonly PartRange[] =
    plan.kind === 'single' ? [{ partNumber: 1, start: 0, end: totalBytes }] : plan.parts

  report()
  if (await objectExists(s3, input.bucket, input.key, signal)) {
    const digests: Uint8Array[] = []
    for (const range of ranges) digests.push((await readPart(range, signal)).digest)
    return result('exists', digests)
  }

  if (plan.kind === 'single') {
    const whole = await readPart({ partNumber: 1, start: 0, end: totalBytes }, signal)
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: input.bucket,
          Key: input.key,
          Body: whole.bytes,
          ContentType: input.contentType,
          ...(input.metadata === undefined ? {} : { Metadata: { ...input.metadata } }),
          // S3 checks the bytes against it and keeps it as the object's full-object checksum.
          ChecksumSHA256: bytesToBase64(whole.digest),
          IfNoneMatch: '*',
        }),
        { abortSignal: signal },
      )
    } catch (error) {
      if (isPreconditionFailedError(error)) return result('exists', [whole.digest])
      throw error
    }
    uploaded(totalBytes)
    return result('created', [whole.digest])
  }

  // Not under the caller's signal: a cancel landing while this is in flight
  // would lose the UploadId S3 has already made, and with it the only way to
  // abort the upload. The cancel is honoured right after instead.
  const { UploadId } = await s3.send(
    new CreateMultipartUploadCommand({
      Bucket: input.bucket,
      Key: input.key,
      ContentType: input.contentType,
      ...(input.metadata === undefined ? {} : { Metadata: { ...input.metadata } }),
      // Each part is sent with its SHA-256, which S3 checks; the object gets
      // the composite checksum of them (SHA256 has no full-object type).
      ChecksumAlgorithm: 'SHA256',
    }),
  )
  const target: MultipartTarget = { Bucket: input.bucket, Key: input.key, UploadId }
  try {
    signal?.throwIfAborted()
    const digests: Uint8Array[] = []
    const parts = await pipelinedMap(plan.parts, {
      limit: tuning.partsInFlight,
      signal,
      prepare: async (range, partSignal) => {
        const part = await readPart(range, partSignal)
        digests.push(part.digest)
        return part
      },
      send: async (range, part, partSignal): Promise<CompletedPart> => {
        const ChecksumSHA256 = bytesToBase64(part.digest)
        const { ETag } = await s3.send(
          new UploadPartCommand({
            ...target,
            PartNumber: range.partNumber,
            Body: part.bytes,
            ChecksumSHA256,
          }),
          { abortSignal: partSignal },
        )
        uploaded(part.bytes.length)
        // CompleteMultipartUpload names each part by its checksum as well as its ETag.
        return { PartNumber: range.partNumber, ETag, ChecksumSHA256 }
      },
    })
    try {
      await s3.send(
        new CompleteMultipartUploadCommand({
          ...target,
          MultipartUpload: { Parts: parts },
          IfNoneMatch: '*',
        }),
        { abortSignal: signal },
      )
    } catch (error) {
      if (!isPreconditionFailedError(error)) throw error
      // S3 keeps the upload after a 412, and bills its parts until it is aborted.
      await abandon(s3, target)
      return result('exists', digests)
    }
    return result('created', digests)
  } catch (error) {
    await abandon(s3, target)
    throw error
  }
}

/** AbortMultipartUpload frees the parts (S3 bills for them until then). Not under the caller's signal: it must run after a cancel. */
async function abandon(s3: S3Client, target: MultipartTarget): Promise<void> {
  await s3.send(new AbortMultipartUploadCommand(target)).catch(() => undefined)
}
