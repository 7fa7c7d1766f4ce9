import { randomBytes } from 'node:crypto'
import type { LocalCloudSchema } from '../state/records.ts'
import type { Store } from '../store/store.ts'
import type { BlobStore } from './blob-store.ts'
import { sha256Hex } from '../edge/sigv4-crypto.ts'
import type { CorsRule } from './cors.ts'
import { compareKeys } from './list-objects.ts'
import {
  objectKey,
  partKey,
  type S3BucketRecord,
  type S3ObjectRecord,
  type S3PartRecord,
  type S3UploadRecord,
} from './records.ts'
import { noSuchBucket, noSuchKey, noSuchUpload, s3Error } from './s3-errors.ts'

/**
 * The local S3's state: buckets, objects, multipart uploads and parts as
 * store records, their bytes in a BlobStore.
 *
 * Durability: a blob is written (and synced) before the record naming it is
 * put, and the edge answers only after the store flushes, so an acknowledged
 * upload is whole after a crash. A blob is deleted only once no record names
 * it and the store has flushed the change that dropped the last reference;
 * blobs a crash left behind unreferenced are swept at start. Operations on
 * one blob id (write, delete) are serialised, so a new upload of the same
 * bytes never races the deletion of an old copy.
 */
export type ObjectInput = Omit<S3ObjectRecord, 'blobId' | 'size' | 'lastModifiedMs'>

/** Throws when a conditional write may not replace `existing` (the key's current object, if any). */
export type WritePrecondition = (existing: S3ObjectRecord | undefined) => void

export class S3Storage {
  /** Records (and in-flight writes) naming each blob. */
  readonly #references = new Map<string, number>()
  readonly #blobQueues = new Map<string, Promise<void>>()
  /** Resolves once blobs left unreferenced by an earlier run are gone. */
  readonly swept: Promise<void>

  constructor(
    private readonly store: Store<LocalCloudSchema>,
    private readonly blobs: BlobStore,
    /** Emulated epoch milliseconds. */
    private readonly now: () => number,
    private readonly onError: (error: unknown) => void = console.error,
  ) {
    for (const record of store.values('s3Objects')) this.#retain(record.blobId)
    for (const record of store.values('s3Parts')) this.#retain(record.blobId)
    this.swept = this.#sweep().catch(onError)
  }

  /** S3 reports times in whole seconds. */
  timestamp(): number {
    return Math.floor(this.now() / 1000) * 1000
  }

  // Buckets.

  bucket(name: string): S3BucketRecord | undefined {
    return this.store.get('s3Buckets', name)
  }

  buckets(): S3BucketRecord[] {
    return [...this.store.values('s3Buckets')].sort((a, b) => compareKeys(a.name, b.name))
  }

  /** False when the bucket already existed. */
  createBucket(name: string): boolean {
    if (this.store.has('s3Buckets', name)) return false
    this.store.put('s3Buckets', name, { name, createdAtMs: this.timestamp() })
    return true
  }

  deleteBucket(name: string): void {
    if (this.objectKeys(name).length > 0) {
      throw s3Error('BucketNotEmpty', 409, 'The bucket you tried to delete is not empty', {
        BucketName: name,
      })
    }
    for (const upload of [...this.store.values('s3Uploads')]) {
      if (upload.bucket === name) this.abortUpload(upload.uploadId)
    }
    this.store.delete('s3Buckets', name)
  }

  setCors(name: string, rules: readonly CorsRule[] | undefined): void {
    const bucket = this.bucket(name)
    if (bucket === undefined) return
    const { cors: _previous, ...rest } = bucket
    this.store.put('s3Buckets', name, rules === undefined ? rest : { ...rest, cors: rules })
  }

  // Objects.

  object(bucket: string, key: string): S3ObjectRecord | undefined {
    return this.store.get('s3Objects', objectKey(bucket, key))
  }

  /** The bucket's keys in S3's order. */
  objectKeys(bucket: string): string[] {
    const keys: string[] = []
    for (const record of this.store.values('s3Objects')) {
      if (record.bucket === bucket) keys.push(record.key)
    }
    return keys.sort(compareKeys)
  }

  /**
   * `precondition` sees the key's object as it is when the new record goes
   * in, after the bytes are written: a conditional write (If-None-Match: *)
   * checked only before that await would let two concurrent writers both
   * pass. S3: "the first write operation to finish succeeds" and later ones
   * fail with 412. https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
   */
  async putObject(
    input: ObjectInput,
    bytes: Uint8Array,
    precondition?: WritePrecondition,
  ): Promise<S3ObjectRecord> {
    const blobId = sha256Hex(bytes)
    await this.#writeBlob(blobId, bytes)
    // The bucket may have been deleted while the bytes were written.
    if (!this.store.has('s3Buckets', input.bucket)) {
      this.#release(blobId)
      throw noSuchBucket(input.bucket)
    }
    this.#checkPrecondition(input, blobId, precondition)
    return this.#putRecord({ ...input, blobId, size: bytes.length })
  }

  #checkPrecondition(
    input: ObjectInput,
    blobId: string,
    precondition: WritePrecondition | undefined,
  ): void {
    try {
      precondition?.(this.object(input.bucket, input.key))
    } catch (error) {
      this.#release(blobId)
      throw error
    }
  }

  /** A copy shares the source's blob. */
  copyObject(input: ObjectInput, source: S3ObjectRecord): S3ObjectRecord {
    // The source may have been deleted (and its bytes released) while the caller awaited something.
    if (!this.#references.has(source.blobId)) throw noSuchKey(source.key)
    this.#retain(source.blobId)
    return this.#putRecord({ ...input, blobId: source.blobId, size: source.size })
  }

  #putRecord(fields: Omit<S3ObjectRecord, 'lastModifiedMs'>): S3ObjectRecord {
    const record: S3ObjectRecord = { ...fields, lastModifiedMs: this.timestamp() }
    const previous = this.object(record.bucket, record.key)
    this.store.put('s3Objects', objectKey(record.bucket, record.key), record)
    if (previous !== undefined) this.#release(previous.blobId)
    return record
  }

  async readObject(
    record: S3ObjectRecord,
    range?: { readonly start: number; readonly end: number },
  ): Promise<Uint8Array> {
    const bytes = await this.blobs.read(record.blobId, range)
    if (bytes === undefined)
      throw new Error(`The blob of s3://${record.bucket}/${record.key} is missing.`)
    return bytes
  }

  readObjectSync(record: S3ObjectRecord): Uint8Array {
    const bytes = this.blobs.readSync(record.blobId)
    if (bytes === undefined)
      throw new Error(`The blob of s3://${record.bucket}/${record.key} is missing.`)
    return bytes
  }

  /** True when there was an object to delete. */
  deleteObject(bucket: string, key: string): boolean {
    const previous = this.object(bucket, key)
    if (previous === undefined) return false
    this.store.delete('s3Objects', objectKey(bucket, key))
    this.#release(previous.blobId)
    return true
  }

  // Multipart uploads.

  createUpload(fields: Omit<S3UploadRecord, 'uploadId' | 'initiatedAtMs'>): S3UploadRecord {
    const record: S3UploadRecord = {
      ...fields,
      uploadId: randomBytes(48).toString('base64url'),
      initiatedAtMs: this.timestamp(),
    }
    this.store.put('s3Uploads', record.uploadId, record)
    return record
  }

  upload(uploadId: string): S3UploadRecord | undefined {
    return this.store.get('s3Uploads', uploadId)
  }

  async putPart(
    fields: Omit<S3PartRecord, 'blobId' | 'size' | 'lastModifiedMs'>,
    bytes: Uint8Array,
  ): Promise<S3PartRecord> {
    const blobId = sha256Hex(bytes)
    await this.#writeBlob(blobId, bytes)
    const record: S3PartRecord = {
      ...fields,
      blobId,
      size: bytes.length,
      lastModifiedMs: this.timestamp(),
    }
    // The upload may have been completed or aborted while the blob was written.
    if (!this.store.has('s3Uploads', fields.uploadId)) {
      this.#release(blobId)
      throw noSuchUpload(fields.uploadId)
    }
    const key = partKey(fields.uploadId, fields.partNumber)
    const previous = this.store.get('s3Parts', key)
    this.store.put('s3Parts', key, record)
    if (previous !== undefined) this.#release(previous.blobId)
    return record
  }

  /** The upload's parts by part number. */
  parts(uploadId: string): S3PartRecord[] {
    const parts: S3PartRecord[] = []
    for (const part of this.store.values('s3Parts'))
      if (part.uploadId === uploadId) parts.push(part)
    return parts.sort((a, b) => a.partNumber - b.partNumber)
  }

  async readPart(part: S3PartRecord): Promise<Uint8Array> {
    const bytes = await this.blobs.read(part.blobId)
    if (bytes === undefined) throw new Error(`The blob of part ${part.partNumber} is missing.`)
    return bytes
  }

  /** Stores the assembled object and forgets the upload with all its parts. */
  async completeUpload(
    upload: S3UploadRecord,
    input: ObjectInput,
    bytes: Uint8Array,
    precondition?: WritePrecondition,
  ): Promise<S3ObjectRecord> {
    const blobId = sha256Hex(bytes)
    await this.#writeBlob(blobId, bytes)
    // Another request may have completed or aborted the upload meanwhile.
    if (!this.store.has('s3Uploads', upload.uploadId)) {
      this.#release(blobId)
      throw noSuchUpload(upload.uploadId)
    }
    // A failed condition keeps the upload, as S3 does: the client may abort it.
    this.#checkPrecondition(input, blobId, precondition)
    const record = this.#putRecord({ ...input, blobId, size: bytes.length })
    this.abortUpload(upload.uploadId)
    return record
  }

  /** Forgets an upload and its parts. */
  abortUpload(uploadId: string): void {
    for (const part of this.parts(uploadId)) {
      this.store.delete('s3Parts', partKey(uploadId, part.partNumber))
      this.#release(part.blobId)
    }
    this.store.delete('s3Uploads', uploadId)
  }

  // Blob references.

  #retain(blobId: string): void {
    this.#references.set(blobId, (this.#references.get(blobId) ?? 0) + 1)
  }

  #release(blobId: string): void {
    const remaining = (this.#references.get(blobId) ?? 0) - 1
    if (remaining > 0) {
      this.#references.set(blobId, remaining)
      return
    }
    this.#references.delete(blobId)
    // The record that dropped the last reference must be durable before the bytes go.
    this.store
      .flush()
      .then(() => this.#collect(blobId))
      .catch(this.onError)
  }

  async #writeBlob(blobId: string, bytes: Uint8Array): Promise<void> {
    this.#retain(blobId)
    try {
      await this.#serially(blobId, () => this.blobs.put(blobId, bytes))
    } catch (error) {
      this.#release(blobId)
      throw error
    }
  }

  #collect(blobId: string): Promise<void> {
    return this.#serially(blobId, async () => {
      if (!this.#references.has(blobId)) await this.blobs.delete(blobId)
    })
  }

  async #sweep(): Promise<void> {
    for (const blobId of await this.blobs.ids()) {
      if (!this.#references.has(blobId)) await this.#collect(blobId)
    }
  }

  #serially(blobId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.#blobQueues.get(blobId) ?? Promise.resolve()
    const next = previous.then(work, work)
    const settled = next.catch(() => undefined)
    this.#blobQueues.set(blobId, settled)
    void settled.then(() => {
      if (this.#blobQueues.get(blobId) === settled) this.#blobQueues.delete(blobId)
    })
    return next
  }
}
