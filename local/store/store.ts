/**
 * The local cloud's state: named collections of JSON records, held in memory
 * and made durable by `flush`. Handlers change records synchronously, then
 * await `flush()` before they answer, so an acknowledged request is on disk.
 */
export interface Store<Schema extends Record<string, unknown>> {
  get<C extends keyof Schema & string>(collection: C, key: string): Schema[C] | undefined
  has<C extends keyof Schema & string>(collection: C, key: string): boolean
  values<C extends keyof Schema & string>(collection: C): IterableIterator<Schema[C]>
  entries<C extends keyof Schema & string>(collection: C): IterableIterator<[string, Schema[C]]>
  size<C extends keyof Schema & string>(collection: C): number
  /** Replaces a record. Treat stored values as immutable: put a new object to change one. */
  put<C extends keyof Schema & string>(collection: C, key: string, value: Schema[C]): void
  delete<C extends keyof Schema & string>(collection: C, key: string): void
  /** Resolves once every earlier put and delete is durable. */
  flush(): Promise<void>
  close(): Promise<void>
}

export interface Change {
  readonly collection: string
  readonly key: string
  /** Absent for a delete. */
  readonly value?: unknown
}

/** The in-memory part every store shares; `onChange` lets a durable store log each change. */
export class MemoryStore<Schema extends Record<string, unknown>> implements Store<Schema> {
  readonly #collections = new Map<string, Map<string, unknown>>()

  constructor(private readonly onChange?: (change: Change) => void) {}

  #collection(name: string): Map<string, unknown> {
    let collection = this.#collections.get(name)
    if (collection === undefined) {
      collection = new Map()
      this.#collections.set(name, collection)
    }
    return collection
  }

  get<C extends keyof Schema & string>(collection: C, key: string): Schema[C] | undefined {
    return this.#collection(collection).get(key) as Schema[C] | undefined
  }

  has<C extends keyof Schema & string>(collection: C, key: string): boolean {
    return this.#collection(collection).has(key)
  }

  values<C extends keyof Schema & string>(collection: C): IterableIterator<Schema[C]> {
    return this.#collection(collection).values() as IterableIterator<Schema[C]>
  }

  entries<C extends keyof Schema & string>(collection: C): IterableIterator<[string, Schema[C]]> {
    return this.#collection(collection).entries() as IterableIterator<[string, Schema[C]]>
  }

  size<C extends keyof Schema & string>(collection: C): number {
    return this.#collection(collection).size
  }

  put<C extends keyof Schema & string>(collection: C, key: string, value: Schema[C]): void {
    this.#collection(collection).set(key, value)
    this.onChange?.({ collection, key, value })
  }

  delete<C extends keyof Schema & string>(collection: C, key: string): void {
    if (this.#collection(collection).delete(key)) this.onChange?.({ collection, key })
  }

  /** Applies a change without reporting it: used when replaying a log. */
  apply(change: Change): void {
    if ('value' in change) this.#collection(change.collection).set(change.key, change.value)
    else this.#collection(change.collection).delete(change.key)
  }

  snapshot(): Record<string, [string, unknown][]> {
    return Object.fromEntries([...this.#collections].map(([name, records]) => [name, [...records]]))
  }

  flush(): Promise<void> {
    return Promise.resolve()
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}
