/**
 * A min-heap of (time, key): the engine's one list of timers, so ten thousand
 * executions with timeouts cost one heap, not ten thousand native timers.
 * Entries are never removed early; whoever pops one checks it still applies.
 */
export class DeadlineQueue {
  readonly #heap: { readonly at: number; readonly key: string }[] = []

  get size(): number {
    return this.#heap.length
  }

  push(at: number, key: string): void {
    const heap = this.#heap
    heap.push({ at, key })
    let index = heap.length - 1
    while (index > 0) {
      const parent = (index - 1) >> 1
      if ((heap[parent]?.at ?? 0) <= at) break
      ;[heap[parent], heap[index]] = [heap[index]!, heap[parent]!]
      index = parent
    }
  }

  peek(): number | undefined {
    return this.#heap[0]?.at
  }

  /** Removes and returns every key due at or before `now`. */
  popDue(now: number): string[] {
    const due: string[] = []
    while (this.#heap.length > 0 && (this.#heap[0]?.at ?? Infinity) <= now) due.push(this.#pop())
    return due
  }

  #pop(): string {
    const heap = this.#heap
    const top = heap[0]!
    const last = heap.pop()!
    if (heap.length > 0) {
      heap[0] = last
      let index = 0
      for (;;) {
        const left = index * 2 + 1
        const right = left + 1
        let smallest = index
        if (left < heap.length && heap[left]!.at < heap[smallest]!.at) smallest = left
        if (right < heap.length && heap[right]!.at < heap[smallest]!.at) smallest = right
        if (smallest === index) break
        ;[heap[smallest], heap[index]] = [heap[index]!, heap[smallest]!]
        index = smallest
      }
    }
    return top.key
  }
}
