/**
 * One scheduler for the whole simulated fleet: a binary heap of due times
 * behind a single host timer. Ten thousand devices each holding their own
 * `setTimeout` would cost ten thousand timer objects and wake-ups; here the
 * host timer is armed only for the earliest task (STYLE.md, habit 6).
 */
export interface Clock {
  readonly now: () => number
}

/** How the scheduler arms its one timer: real timers in the runner, none under a manual clock. */
export interface TimerHost {
  readonly set: (callback: () => void, delayMs: number) => unknown
  readonly clear: (handle: unknown) => void
}

export interface Scheduler {
  readonly now: () => number
  /** Runs `task` `delayMs` from now; returns a cancel function. */
  readonly after: (delayMs: number, task: () => void) => () => void
  /** Tasks waiting, for tests and the runner's idle check. */
  readonly size: () => number
  /** When the earliest live task is due, if any. */
  readonly nextDueMs: () => number | undefined
  /** Runs every task due at or before `now()`; the manual clock calls it after advancing. */
  readonly runDue: () => void
  readonly stop: () => void
}

interface Task {
  readonly dueMs: number
  readonly order: number
  run: (() => void) | undefined
}

const earlier = (a: Task, b: Task) =>
  a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.order < b.order)

export function createScheduler(clock: Clock, timers?: TimerHost): Scheduler {
  const heap: Task[] = []
  let order = 0
  let armed: { handle: unknown; dueMs: number } | undefined
  let stopped = false

  const push = (task: Task) => {
    heap.push(task)
    let index = heap.length - 1
    while (index > 0) {
      const parent = (index - 1) >> 1
      if (!earlier(heap[index] as Task, heap[parent] as Task)) break
      ;[heap[index], heap[parent]] = [heap[parent] as Task, heap[index] as Task]
      index = parent
    }
  }
  const pop = (): Task | undefined => {
    const top = heap[0]
    const last = heap.pop()
    if (heap.length > 0 && last !== undefined) {
      heap[0] = last
      let index = 0
      for (;;) {
        const left = index * 2 + 1
        const right = left + 1
        let smallest = index
        if (left < heap.length && earlier(heap[left] as Task, heap[smallest] as Task))
          smallest = left
        if (right < heap.length && earlier(heap[right] as Task, heap[smallest] as Task))
          smallest = right
        if (smallest === index) break
        ;[heap[index], heap[smallest]] = [heap[smallest] as Task, heap[index] as Task]
        index = smallest
      }
    }
    return top
  }

  const arm = () => {
    if (timers === undefined || stopped) return
    const first = heap[0]
    if (first === undefined) {
      if (armed !== undefined) timers.clear(armed.handle)
      armed = undefined
      return
    }
    if (armed !== undefined && armed.dueMs <= first.dueMs) return
    if (armed !== undefined) timers.clear(armed.handle)
    const dueMs = first.dueMs
    armed = {
      dueMs,
      handle: timers.set(
        () => {
          armed = undefined
          runDue()
        },
        Math.max(0, dueMs - clock.now()),
      ),
    }
  }

  const runDue = () => {
    const now = clock.now()
    // Tasks scheduled with delay 0 while running join this pass only if due; a
    // bounded pass keeps one busy device from starving the host's event loop.
    let budget = 50_000
    while (heap.length > 0 && (heap[0] as Task).dueMs <= now && budget-- > 0) {
      const task = pop() as Task
      const run = task.run
      task.run = undefined
      if (run !== undefined) run()
    }
    arm()
  }

  return {
    now: clock.now,
    after: (delayMs, run) => {
      const task: Task = { dueMs: clock.now() + Math.max(0, delayMs), order: order++, run }
      push(task)
      arm()
      return () => {
        task.run = undefined
      }
    },
    size: () => heap.filter((task) => task.run !== undefined).length,
    nextDueMs: () => {
      while (heap.length > 0 && (heap[0] as Task).run === undefined) pop()
      return heap[0]?.dueMs
    },
    runDue,
    stop: () => {
      stopped = true
      if (armed !== undefined && timers !== undefined) timers.clear(armed.handle)
      armed = undefined
      heap.length = 0
    },
  }
}

/** Real time with Node's timers: the runner's scheduler. */
export function createRealTimeScheduler(): Scheduler {
  return createScheduler(
    { now: () => performance.now() },
    {
      set: (callback, delayMs) => setTimeout(callback, delayMs),
      clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
  )
}

/** A clock tests move by hand; `advance` runs what fell due, in order. */
export function createManualScheduler(startMs = 0): Scheduler & {
  readonly advance: (ms: number) => void
} {
  let nowMs = startMs
  const scheduler = createScheduler({ now: () => nowMs })
  return {
    ...scheduler,
    advance: (ms) => {
      const target = nowMs + ms
      // Step to each due time so tasks see the clock at their own moment.
      for (;;) {
        scheduler.runDue()
        const due = scheduler.nextDueMs()
        if (due === undefined || due > target) break
        nowMs = due
      }
      nowMs = target
      scheduler.runDue()
    },
  }
}
