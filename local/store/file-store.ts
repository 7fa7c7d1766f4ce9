import { mkdir, open, readFile, rename, truncate, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { MemoryStore, type Change } from './store.ts'

/**
 * A store that survives SIGKILL.
 *
 * - Every change is appended to a write-ahead log of JSON lines, numbered.
 * - `flush()` appends a commit line and resolves once it is fdatasync'd.
 *   Changes that arrive while a write is under way go out together in the
 *   next one (group commit): a thousand device updates cost a few syncs.
 * - Recovery applies only committed groups, so a crash mid-write can neither
 *   lose an acknowledged change nor leave half of an unacknowledged request.
 * - When the log passes `compactAfterBytes`, the whole state goes to a
 *   snapshot (write, fsync, rename) that records the last sequence number it
 *   holds; log lines at or below it are skipped on recovery, so a crash
 *   between the rename and the log's truncation replays nothing stale.
 */
export interface FileStoreOptions {
  readonly compactAfterBytes?: number
}

const SNAPSHOT_FILE = 'snapshot.json'
const LOG_FILE = 'changes.log'
const DEFAULT_COMPACT_AFTER_BYTES = 64 * 1024 * 1024
const SNAPSHOT_VERSION = 2

export class StoreCorruptError extends Error {
  override readonly name = 'StoreCorruptError'
}

interface Waiter {
  readonly sequence: number
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

type LogLine =
  | {
      readonly s: number
      readonly c: string
      readonly k: string
      readonly v?: unknown
      readonly d?: 1
    }
  | { readonly commit: number }

class FileStore<Schema extends Record<string, unknown>> extends MemoryStore<Schema> {
  #pending: string[] = []
  #waiters: Waiter[] = []
  #sequence: number
  #committedSequence: number
  #durableSequence: number
  #logBytes: number
  #isDraining = false
  #failure: Error | undefined
  #syncs = 0

  constructor(
    private readonly dir: string,
    private readonly log: FileHandle,
    recovered: { readonly sequence: number; readonly logBytes: number },
    private readonly compactAfterBytes: number,
  ) {
    super((change) => this.#record(change))
    this.#sequence = recovered.sequence
    this.#committedSequence = recovered.sequence
    this.#durableSequence = recovered.sequence
    this.#logBytes = recovered.logBytes
  }

  /** How many times the log was synced: group commit keeps this far below the number of flushes. */
  get syncCount(): number {
    return this.#syncs
  }

  #record(change: Change): void {
    this.#sequence += 1
    const line: LogLine =
      'value' in change
        ? { s: this.#sequence, c: change.collection, k: change.key, v: change.value }
        : { s: this.#sequence, c: change.collection, k: change.key, d: 1 }
    this.#pending.push(`${JSON.stringify(line)}\n`)
  }

  override flush(): Promise<void> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure)
    if (this.#durableSequence >= this.#sequence) return Promise.resolve()
    if (this.#committedSequence < this.#sequence) {
      this.#committedSequence = this.#sequence
      this.#pending.push(`${JSON.stringify({ commit: this.#sequence })}\n`)
    }
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
        // Everything up to the last commit line handed to this write becomes durable with it.
        let durable = this.#committedSequence
        if (this.#logBytes > this.compactAfterBytes) {
          // The snapshot holds every change made so far, pending ones included.
          this.#pending = []
          durable = this.#sequence
          await this.#compact(durable)
        } else {
          const batch = this.#pending.join('')
          this.#pending = []
          // appendFile writes the whole batch, looping over short writes.
          await this.log.appendFile(batch)
          await this.log.datasync()
          this.#syncs += 1
          this.#logBytes += Buffer.byteLength(batch)
        }
        this.#durableSequence = Math.max(this.#durableSequence, durable)
        this.#waiters = this.#waiters.filter((waiter) => {
          if (waiter.sequence > this.#durableSequence) return true
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

  async #compact(sequence: number): Promise<void> {
    const temporary = join(this.dir, `${SNAPSHOT_FILE}.tmp`)
    const snapshot = await open(temporary, 'w')
    try {
      await snapshot.writeFile(
        JSON.stringify({ version: SNAPSHOT_VERSION, sequence, collections: this.snapshot() }),
      )
      await snapshot.sync()
    } finally {
      await snapshot.close()
    }
    await rename(temporary, join(this.dir, SNAPSHOT_FILE))
    await syncDirectory(this.dir)
    await this.log.truncate(0)
    await this.log.sync()
    this.#syncs += 1
    this.#logBytes = 0
    this.#committedSequence = Math.max(this.#committedSequence, sequence)
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

interface Recovery {
  /** The highest sequence number applied. */
  readonly sequence: number
  /** Bytes of the log up to its last commit line: anything after was never acknowledged. */
  readonly committedBytes: number
}

/** Applies committed groups of log lines above the snapshot's sequence. */
function replayLog(
  store: { apply(change: Change): void },
  text: string,
  afterSequence: number,
  path: string,
): Recovery {
  const lines = text.split('\n')
  let group: Change[] = []
  let sequence = afterSequence
  let bytes = 0
  let committedBytes = 0
  for (const [index, line] of lines.entries()) {
    bytes += Buffer.byteLength(line) + 1
    if (line === '') continue
    let record: LogLine
    try {
      record = JSON.parse(line) as LogLine
    } catch {
      // Only the last write can be torn, and nothing in it was acknowledged.
      if (index === lines.length - 1) break
      throw new StoreCorruptError(
        `${path} line ${index + 1} is not a change record; the data directory is damaged.`,
      )
    }
    if ('commit' in record) {
      for (const change of group) store.apply(change)
      group = []
      sequence = Math.max(sequence, record.commit)
      committedBytes = Math.min(bytes, Buffer.byteLength(text))
    } else if (record.s > afterSequence) {
      group.push(
        record.d === 1
          ? { collection: record.c, key: record.k }
          : { collection: record.c, key: record.k, value: record.v },
      )
    }
  }
  return { sequence, committedBytes }
}

export async function openFileStore<Schema extends Record<string, unknown>>(
  dir: string,
  { compactAfterBytes = DEFAULT_COMPACT_AFTER_BYTES }: FileStoreOptions = {},
): Promise<MemoryStore<Schema> & { close(): Promise<void>; readonly syncCount: number }> {
  await mkdir(dir, { recursive: true })
  const snapshotPath = join(dir, SNAPSHOT_FILE)
  const logPath = join(dir, LOG_FILE)
  const snapshotText = await readIfExists(snapshotPath)
  const logText = (await readIfExists(logPath)) ?? ''
  const snapshot =
    snapshotText === undefined
      ? undefined
      : (JSON.parse(snapshotText) as {
          sequence?: number
          collections: Record<string, [string, unknown][]>
        })

  // Replay into a scratch store first: if the log is damaged nothing is opened.
  const recovered = new MemoryStore<Schema>()
  for (const [collection, records] of Object.entries(snapshot?.collections ?? {})) {
    for (const [key, value] of records) recovered.apply({ collection, key, value })
  }
  const { sequence, committedBytes } = replayLog(
    recovered,
    logText,
    snapshot?.sequence ?? 0,
    logPath,
  )
  // Drop what follows the last commit so new appends do not run into it.
  if (committedBytes < Buffer.byteLength(logText)) await truncate(logPath, committedBytes)

  const log = await open(logPath, 'a')
  const store = new FileStore<Schema>(
    dir,
    log,
    { sequence, logBytes: committedBytes },
    compactAfterBytes,
  )
  for (const [collection, records] of Object.entries(recovered.snapshot())) {
    for (const [key, value] of records) store.apply({ collection, key, value })
  }
  return store
}
