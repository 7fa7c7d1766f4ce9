/**
 * How an image goes to S3: one PutObject when it is small, a multipart
 * upload when it is large. The limits are S3's
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html):
 * every part but the last at least 5 MiB, at most 5 GiB per part and
 * 10,000 parts per upload.
 */
const MiB = 1024 * 1024

export const MIN_PART_BYTES = 5 * MiB
export const MAX_PART_BYTES = 5 * 1024 * MiB
export const MAX_PARTS = 10_000

export interface UploadTuning {
  /** Files of at least this size go multipart; smaller ones in one PutObject (held in memory once). */
  readonly multipartThresholdBytes: number
  /** Raised to S3's minimum, and as far as needed to stay within 10,000 parts. */
  readonly partSizeBytes: number
  /** Parts uploading at once; memory use is about (this + 1) × part size. */
  readonly partsInFlight: number
  /** How much is read (and hashed) at a time: the step of the progress bar. */
  readonly readChunkBytes: number
}

/**
 * 16 MiB and 8 MiB parts are what the AWS CLI's defaults are near (8 MiB
 * threshold and chunks); a browser tab holds ~4 parts, about 32 MiB, at once.
 */
export const DEFAULT_UPLOAD_TUNING: UploadTuning = {
  multipartThresholdBytes: 16 * MiB,
  partSizeBytes: 8 * MiB,
  partsInFlight: 3,
  readChunkBytes: 1 * MiB,
}

export interface PartRange {
  readonly partNumber: number
  /** Byte offsets in the file, `end` exclusive. */
  readonly start: number
  readonly end: number
}

export type UploadPlan =
  | { readonly kind: 'single'; readonly size: number }
  | {
      readonly kind: 'multipart'
      readonly partSizeBytes: number
      readonly parts: readonly PartRange[]
    }

export function planUpload(size: number, tuning: UploadTuning = DEFAULT_UPLOAD_TUNING): UploadPlan {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`Not a file size: ${size}.`)
  if (!(tuning.partsInFlight >= 1) || !(tuning.readChunkBytes >= 1)) {
    throw new RangeError('partsInFlight and readChunkBytes must be at least 1.')
  }
  if (size < tuning.multipartThresholdBytes) return { kind: 'single', size }
  const partSizeBytes = Math.max(tuning.partSizeBytes, MIN_PART_BYTES, Math.ceil(size / MAX_PARTS))
  if (partSizeBytes > MAX_PART_BYTES) {
    throw new RangeError(
      `A file of ${size} bytes does not fit in ${MAX_PARTS} parts of at most 5 GiB.`,
    )
  }
  const count = Math.max(1, Math.ceil(size / partSizeBytes))
  const parts = Array.from({ length: count }, (_, index) => ({
    partNumber: index + 1,
    start: index * partSizeBytes,
    end: Math.min(size, (index + 1) * partSizeBytes),
  }))
  return { kind: 'multipart', partSizeBytes, parts }
}
