import type { BrowserContext, Page } from '@playwright/test'
import type { CountObservation, LongTask } from './figures.ts'

/**
 * What bench/dashboard measures inside the page. The functions here run in
 * Chromium (Playwright serializes them), so they use only the page's own
 * globals; anything they need from Node arrives as an argument.
 *
 * The probes are installed before the dashboard's scripts on every document
 * (`addInitScript`):
 * - a `longtask` PerformanceObserver (tasks of 50 ms or more on the main
 *   thread, https://w3c.github.io/longtasks/);
 * - a MutationObserver on the breakdown's `data-succeeded` / `data-failed`
 *   attributes noting (Date.now(), succeeded + failed) each time the page
 *   draws new counts;
 * - a listener on the page's WebSockets counting the MQTT PUBLISH packets of
 *   job-execution events as they arrive, before the page handles them
 *   (MQTT 3.1.1 §2.2 fixed header, §3.3 PUBLISH; over WebSocket a message
 *   may hold several packets, §6.0).
 * Date.now() is the clock the driver in Node stamps its updates with (same
 * machine), so the two can be subtracted.
 */
interface Probes {
  readonly longTasks: LongTask[]
  /** succeeded + failed each time it changed on the page. */
  readonly drawn: CountObservation[]
  /** Job-execution events received so far, after each WebSocket message that brought some. */
  readonly received: CountObservation[]
  frameDeltas: number[] | undefined
}

const PROBES = '__fleetdeckBench'
const EVENT_TOPIC_PREFIX = '$aws/events/jobExecution/'

/**
 * tsx (esbuild with keepNames) wraps named functions in `__name(…)`, which
 * exists in Node but not in the page: give the page a stand-in first.
 */
const NAME_HELPER = 'globalThis.__name ??= (target) => target'

function installProbes({ probesKey, topicPrefix }: { probesKey: string; topicPrefix: string }) {
  const probes: Probes = { longTasks: [], drawn: [], received: [], frameDeltas: undefined }
  Object.defineProperty(globalThis, probesKey, { value: probes })
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        probes.longTasks.push({ startTime: entry.startTime, duration: entry.duration })
    }).observe({ type: 'longtask', buffered: true })
  } catch {
    // A browser without the Long Tasks API: no tasks are reported.
  }

  new MutationObserver((mutations) => {
    const atMs = Date.now()
    const target = mutations[0]?.target as Element | undefined
    if (target === undefined) return
    const count =
      Number(target.getAttribute('data-succeeded') ?? 0) +
      Number(target.getAttribute('data-failed') ?? 0)
    if (probes.drawn.at(-1)?.count !== count) probes.drawn.push({ atMs, count })
  }).observe(document, {
    subtree: true,
    attributes: true,
    attributeFilter: ['data-succeeded', 'data-failed'],
  })

  const decoder = new TextDecoder()
  let received = 0
  /**
   * One socket's byte stream, split into MQTT packets: the broker writes a
   * packet in several pieces, and each piece may arrive as its own
   * WebSocket message, so bytes wait until their packet is whole.
   */
  const eventCounter = () => {
    let pending = new Uint8Array(0)
    return (message: MessageEvent) => {
      if (!(message.data instanceof ArrayBuffer)) return
      const chunk = new Uint8Array(message.data)
      let bytes = chunk
      if (pending.length > 0) {
        bytes = new Uint8Array(pending.length + chunk.length)
        bytes.set(pending)
        bytes.set(chunk, pending.length)
      }
      let offset = 0
      let events = 0
      while (offset < bytes.length) {
        // Remaining length: 7 bits a byte, the high bit saying another follows (§2.2.3).
        let position = offset + 1
        let length = 0
        let multiplier = 1
        let lengthRead = false
        while (position < bytes.length) {
          const byte = bytes[position] ?? 0
          position += 1
          length += (byte & 127) * multiplier
          multiplier *= 128
          if ((byte & 128) === 0) {
            lengthRead = true
            break
          }
        }
        if (!lengthRead || position + length > bytes.length) break
        if ((bytes[offset] ?? 0) >> 4 === 3) {
          const topicLength = ((bytes[position] ?? 0) << 8) | (bytes[position + 1] ?? 0)
          const topic = decoder.decode(bytes.subarray(position + 2, position + 2 + topicLength))
          if (topic.startsWith(topicPrefix)) events += 1
        }
        offset = position + length
      }
      pending = bytes.slice(offset)
      if (events === 0) return
      received += events
      probes.received.push({ atMs: Date.now(), count: received })
    }
  }
  // mqtt.js opens its socket with `new WebSocket(url, ['mqtt'])`; listen to each one.
  globalThis.WebSocket = new Proxy(WebSocket, {
    construct(target, args: ConstructorParameters<typeof WebSocket>) {
      const socket = new target(...args)
      socket.addEventListener('message', eventCounter())
      return socket
    },
  })
}

export async function installPageProbes(context: BrowserContext): Promise<void> {
  await context.addInitScript(NAME_HELPER)
  await context.addInitScript(installProbes, {
    probesKey: PROBES,
    topicPrefix: EVENT_TOPIC_PREFIX,
  })
}

/** succeeded + failed as the breakdown shows them now, and the events received so far. */
export async function countsOnPage(
  page: Page,
): Promise<{ atMs: number; drawn: number; received: number }> {
  return page.evaluate((probesKey) => {
    const probes = (globalThis as unknown as Record<string, Probes>)[probesKey] as Probes
    const breakdown = document.querySelector('[data-testid="execution-breakdown"]')
    const count = (name: string) => Number(breakdown?.getAttribute(name) ?? 0)
    return {
      atMs: Date.now(),
      drawn: count('data-succeeded') + count('data-failed'),
      received: probes.received.at(-1)?.count ?? 0,
    }
  }, PROBES)
}

/**
 * From navigation start (performance.now() in a fresh document) to the chart
 * drawing at least one point while the breakdown shows the job's total.
 */
export async function timeToFirstChartMs(
  page: Page,
  expectedTotal: number,
  timeoutMs: number,
): Promise<number> {
  const handle = await page.waitForFunction(
    (total) => {
      const chart = document.querySelector('[data-testid="execution-state-chart"]')
      const breakdown = document.querySelector('[data-testid="execution-breakdown"]')
      const points = Number(chart?.getAttribute('data-points') ?? 0)
      return points >= 1 && breakdown?.getAttribute('data-total') === String(total)
        ? performance.now()
        : false
    },
    expectedTotal,
    { polling: 'raf', timeout: timeoutMs },
  )
  return (await handle.jsonValue()) as number
}

export interface ScrollResult {
  readonly frameDeltasMs: number[]
  /** Frames spent at the bottom of what was loaded (the "Loading more" row in view). */
  readonly framesAtLoadingRow: number
  readonly scrolledPx: number
}

/**
 * Scrolls the executions table by `pxPerFrame` on every animation frame for
 * `frames` frames, as a fast, steady flick would, and records the time
 * between frames. The table asks for its next page as the view nears the
 * end of what it has loaded; when it is not there yet the view waits at the
 * bottom (counted).
 */
export async function scrollExecutions(
  page: Page,
  { frames, pxPerFrame }: { frames: number; pxPerFrame: number },
): Promise<ScrollResult> {
  return page.evaluate(
    async ({ frames, pxPerFrame }) => {
      const scroller = document.querySelector('[data-testid="executions-scroll"]')
      if (scroller === null) throw new Error('No executions-scroll on the page.')
      scroller.scrollIntoView({ block: 'center' })
      const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))
      await nextFrame()
      const frameDeltasMs: number[] = []
      let framesAtLoadingRow = 0
      let last = await nextFrame()
      for (let frame = 0; frame < frames; frame += 1) {
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1)
          framesAtLoadingRow += 1
        scroller.scrollTop += pxPerFrame
        const now = await nextFrame()
        frameDeltasMs.push(now - last)
        last = now
      }
      return { frameDeltasMs, framesAtLoadingRow, scrolledPx: scroller.scrollTop }
    },
    { frames, pxPerFrame },
  )
}

/** "1,234 loaded" in the table's header: the rows fetched so far. */
export async function loadedExecutionRows(page: Page): Promise<number | undefined> {
  const text = await page.locator('text=/[0-9][0-9,.]* loaded/').first().textContent()
  const digits = /([0-9][0-9,.]*) loaded/.exec(text ?? '')?.[1]?.replace(/[,.]/g, '')
  return digits === undefined ? undefined : Number(digits)
}

/** Starts recording the time between animation frames. */
export async function startFrameRecorder(page: Page): Promise<void> {
  await page.evaluate((probesKey) => {
    const probes = (globalThis as unknown as Record<string, Probes>)[probesKey] as Probes
    const deltas: number[] = []
    probes.frameDeltas = deltas
    let last = performance.now()
    const onFrame = (now: number) => {
      if (probes.frameDeltas !== deltas) return
      deltas.push(now - last)
      last = now
      requestAnimationFrame(onFrame)
    }
    requestAnimationFrame(onFrame)
  }, PROBES)
}

/** Stops the recorder and returns the frame times it saw. */
export async function stopFrameRecorder(page: Page): Promise<number[]> {
  return page.evaluate((probesKey) => {
    const probes = (globalThis as unknown as Record<string, Probes>)[probesKey] as Probes
    const deltas = probes.frameDeltas ?? []
    probes.frameDeltas = undefined
    return deltas
  }, PROBES)
}

export const pageNowMs = (page: Page): Promise<number> => page.evaluate(() => performance.now())

export async function collectLongTasks(page: Page): Promise<LongTask[]> {
  return page.evaluate((probesKey) => {
    const probes = (globalThis as unknown as Record<string, Probes>)[probesKey] as Probes
    return probes.longTasks
  }, PROBES)
}

export async function collectCountObservations(
  page: Page,
): Promise<{ drawn: CountObservation[]; received: CountObservation[] }> {
  return page.evaluate((probesKey) => {
    const probes = (globalThis as unknown as Record<string, Probes>)[probesKey] as Probes
    return { drawn: probes.drawn, received: probes.received }
  }, PROBES)
}
