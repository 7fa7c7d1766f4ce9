import { mkdir, open, readFile, rename, truncate, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { MemoryStore, type Change } from './store.ts'

/**
 * A store that survives SIGKILL: every change is appended to a write-ahead log
 * (JSON lines) and fdatasync'd before `flush` resolves. Changes that arrive
 * while a write is under way are written together in the next one (group
 * commit), so thousands of device updates a second cost a few syncs, not
 * thousands. When the log grows past `compactAfterBytes`, the whole state is
 * written to a snapshot (write, fsync, rename) and the log starts again.
 */
export interface FileStoreOptions {
  readonly compactAfterBytes?: number
}

const SNAPSHOT_FILE = 'snapshot.json'
const LOG_FILE = 'changes.log'
const DEFAULT_COMPACT_AFTER_BYTES = 64 * 1024 * 1024

export class StoreCorruptError extends Error {
  override readonly name = 'StoreCorruptError'
}

interface Waiter {
  readonly sequence: number
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

class FileStore<Schema extends Record<string, unknown>> extends MemoryStore<Schema> {
  #pending: string[] = []
  #waiters: Waiter[] = []
  #sequence = 0
  #durableSequence = 0
  #logBytes: number
  #isDraining = false
  #failure: Error | undefined

  constructor(
    private readonly dir: string,
    private log: FileHandle,
    logBytes: number,
    private readonly compactAfterBytes: number,
  ) {
    super((change) => this.#record(change))
    this.#logBytes = logBytes
  }

  #record(change: Change): void {
    this.#sequence += 1
    const line =
      'value' in change
        ? { c: change.collection, k: change.key, v: change.value }
        : { c: change.collection, k: change.key, d: 1 }
    this.#pending.push(`${JSON.stringify(line)}\n`)
  }

  override flush(): Promise<void> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure)
    if (this.#durableSequence >= this.#sequence) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.#waiters.push({ sequence: this.#sequence, resolve, reject })
      if (!this.#isDraining) {
        this.#isDraining = true
        void this.#drain()
      }
    })
  }

  async #drain(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const sequence = this.#sequence
        if (this.#logBytes > this.compactAfterBytes) {
          // The snapshot holds every change made so far, pending ones included.
          this.#pending = []
          await this.#compact()
        } else {
          const batch = this.#pending.join('')
          this.#pending = []
          await this.log.write(batch)
          await this.log.datasync()
          this.#logBytes += Buffer.byteLength(batch)
        }
        this.#durableSequence = sequence
        this.#waiters = this.#waiters.filter((waiter) => {
          if (waiter.sequence > sequence) return true
          waiter.resolve()
          return false
        })
      }
    } catch (error) {
      // A store that failed to write must not acknowledge anything again.
      this.#failure = error instanceof Error ? error : new Error(String(error))
      for (const waiter of this.#waiters) waiter.reject(this.#failure)
      this.#waiters = []
    } finally {
      // Reset in the same synchronous step as the last check of #pending, so a
      // flush() arriving now either finds work being drained or starts a drain.
      this.#isDraining = false
    }
  }

  async #compact(): Promise<void> {
    const temporary = join(this.dir, `${SNAPSHOT_FILE}.tmp`)
    const snapshot = await open(temporary, 'w')
    try {
      await snapshot.write(JSON.stringify({ version: 1, collections: this.snapshot() }))
      await snapshot.sync()
    } finally {
      await snapshot.close()
    }
    await rename(temporary, join(this.dir, SNAPSHOT_FILE))
    await syncDirectory(this.dir)
    await this.log.truncate(0)
    await this.log.sync()
    this.#logBytes = 0
  }

  override async close(): Promise<void> {
    await this.flush().catch(() => undefined)
    await this.log.close()
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

function replayLog(store: { apply(change: Change): void }, text: string, path: string): void {
  for (const [index, line] of text.split('\n').entries()) {
    if (line === '') continue
    let record: { c: string; k: string; v?: unknown; d?: 1 }
    try {
      record = JSON.parse(line) as typeof record
    } catch {
      throw new StoreCorruptError(
        `${path} line ${index + 1} is not a change record; the data directory is damaged.`,
      )
    }
    store.apply(
      record.d === 1
        ? { collection: record.c, key: record.k }
        : { collection: record.c, key: record.k, value: record.v },
    )
  }
}

export async function openFileStore<Schema extends Record<string, unknown>>(
  dir: string,
  { compactAfterBytes = DEFAULT_COMPACT_AFTER_BYTES }: FileStoreOptions = {},
): Promise<MemoryStore<Schema> & { close(): Promise<void> }> {
  await mkdir(dir, { recursive: true })
  const snapshotPath = join(dir, SNAPSHOT_FILE)
  const logPath = join(dir, LOG_FILE)
  const snapshotText = await readIfExists(snapshotPath)
  const fullLog = (await readIfExists(logPath)) ?? ''
  // A crash can tear the last write; nothing in a torn line was acknowledged,
  // so drop it rather than let the next append run into it.
  const logText = fullLog.slice(0, fullLog.lastIndexOf('\n') + 1)
  if (logText.length < fullLog.length) await truncate(logPath, Buffer.byteLength(logText))

  const log = await open(logPath, 'a')
  try {
    const store = new FileStore<Schema>(dir, log, Buffer.byteLength(logText), compactAfterBytes)
    if (snapshotText !== undefined) {
      const snapshot = JSON.parse(snapshotText) as {
        collections: Record<string, [string, unknown][]>
      }
      for (const [collection, records] of Object.entries(snapshot.collections)) {
        for (const [key, value] of records) store.apply({ collection, key, value })
      }
    }
    replayLog(store, logText, logPath)
    return store
  } catch (error) {
    await log.close()
    throw error
  }
}
