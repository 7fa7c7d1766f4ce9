/**
 * Where object bytes live, apart from the JSON records that describe them.
 * Blobs are content-addressed: the id is the SHA-256 of the bytes, so equal
 * objects (and copies) share one blob, and a blob never changes once written.
 * `put` resolves only when the bytes are durable: S3 storage writes the blob
 * before it puts the record that names it, so an acknowledged PutObject
 * survives a crash. Deleting blobs nobody references is S3Storage's job.
 */
export interface BlobStore {
  /** Stores the bytes under `id` (their SHA-256 hex); nothing to do when the blob exists. */
  put(id: string, bytes: Uint8Array): Promise<void>
  /** The bytes, or `[start, end]` of them (inclusive); undefined when there is no such blob. */
  read(
    id: string,
    range?: { readonly start: number; readonly end: number },
  ): Promise<Uint8Array | undefined>
  /** A synchronous read, for the small documents the Jobs service reads while handling a call. */
  readSync(id: string): Uint8Array | undefined
  delete(id: string): Promise<void>
  /** Every stored id, for sweeping blobs a crash left unreferenced. */
  ids(): Promise<string[]>
}

/** Blobs in memory: the default, for tests and throwaway clouds. */
export function createMemoryBlobStore(): BlobStore {
  const blobs = new Map<string, Uint8Array>()
  return {
    put: (id, bytes) => {
      if (!blobs.has(id)) blobs.set(id, Uint8Array.from(bytes))
      return Promise.resolve()
    },
    read: (id, range) => {
      const blob = blobs.get(id)
      return Promise.resolve(
        blob === undefined || range === undefined
          ? blob
          : blob.subarray(range.start, range.end + 1),
      )
    },
    readSync: (id) => blobs.get(id),
    delete: (id) => {
      blobs.delete(id)
      return Promise.resolve()
    },
    ids: () => Promise.resolve([...blobs.keys()]),
  }
}
