// The job detail page under load, in Chromium: a local cloud in this
// process with a job of 100,000 executions (seed-large-job.ts), the built
// dashboard (dist/, as `vite build` left it: this script builds nothing)
// served on a free loopback port, the demo operator signed in, then
//   a. time to first chart: fresh loads of /jobs/<jobId> until the chart has
//      a point and the breakdown shows every execution;
//   b. scrolling the executions table at a steady flick through several
//      pages of ListJobExecutionsForJob: frame times and dropped frames;
//   c. main-thread long tasks while the driver (event-driver.ts) makes 1,000
//      terminal updates a second for 30 s, each published as a job event
//      over MQTT to the page's WebSocket;
//   d. the latency from each update to the page's counters.
// Prints two tables and exits 0. Bounded by --timeout-seconds; the browser,
// servers and temporary data go away whatever happens.
// `npm run bench:dashboard -- --things 10000 --seconds 5` for a quick run.
import { existsSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../../e2e/support/chromium.ts'
import { signIn } from '../../e2e/support/sign-in.ts'
import { localDashboardConfig } from '../../local/seed/dashboard-config.ts'
import { seedDemo } from '../../local/seed/demo-seed.ts'
import { parseBenchOptions, type BenchOptions } from './bench-options.ts'
import { driveExecutions } from './event-driver.ts'
import {
  DROPPED_FRAME_MS,
  frameFigures,
  latencyFigures,
  longTaskFigures,
  maxOvercount,
  median,
  updateLatencies,
} from './figures.ts'
import {
  collectCountObservations,
  collectLongTasks,
  countsOnPage,
  installPageProbes,
  loadedExecutionRows,
  pageNowMs,
  scrollExecutions,
  startFrameRecorder,
  stopFrameRecorder,
  timeToFirstChartMs,
} from './page-probes.ts'
import { seedLargeJob } from './seed-large-job.ts'
import { serveDashboard } from './static-dashboard-server.ts'
import { startBenchCloud } from './bench-cloud.ts'
import { createTeardown } from './teardown.ts'

/** About 4 s of a fast, steady scroll: 2.5 rows (44 px each) a frame, several pages of 100. */
const SCROLL_FRAMES = 240
const SCROLL_PX_PER_FRAME = 110
const FIRST_CHART_TIMEOUT_MS = 60_000
const LIVE_TIMEOUT_MS = 30_000
/** After the driver stops, the page gets this long to show the last counts (events, then DescribeJob). */
const SETTLE_TIMEOUT_MS = 15_000
const VIEWPORT = { width: 1440, height: 900 }

let options: BenchOptions
try {
  options = parseBenchOptions(process.argv.slice(2))
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(2)
}

const DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url))
if (!existsSync(join(DIST_DIR, 'index.html'))) {
  console.error(
    'No dashboard build in dist/: run `npm run build` first. The benchmark measures the build as it is and builds nothing itself.',
  )
  process.exit(1)
}

const benchStarted = performance.now()
const log = (message: string) => {
  const seconds = ((performance.now() - benchStarted) / 1000).toFixed(1).padStart(6)
  console.log(`[${seconds} s] ${message}`)
}

const teardown = createTeardown()
const aborted = new AbortController()
const stopAndExit = (reason: string, code: number) => {
  console.error(reason)
  aborted.abort()
  void teardown.run().finally(() => process.exit(code))
}
const hardTimeout = setTimeout(
  () => stopAndExit(`bench:dashboard stopped after ${options.timeoutSeconds} s.`, 1),
  options.timeoutSeconds * 1000,
)
process.once('SIGINT', () => stopAndExit('Interrupted.', 130))
process.once('SIGTERM', () => stopAndExit('Terminated.', 143))

const round = (value: number | undefined, digits = 0) =>
  value === undefined ? 'n/a' : Number(value.toFixed(digits)).toLocaleString('en-US')

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * After the driver stops: waits until the page has received every event
 * and its succeeded + failed equals what the driver made (events, then the
 * DescribeJob that follows them, put it right), or SETTLE_TIMEOUT_MS.
 * Returns what it shows then and when the counts first matched.
 */
async function settle(
  page: Page,
  expected: { drawn: number; received: number },
): Promise<{ shown: number; received: number; equalAfterMs: number | undefined }> {
  const started = performance.now()
  let equalAfterMs: number | undefined
  for (;;) {
    const now = await countsOnPage(page)
    if (now.drawn === expected.drawn) equalAfterMs ??= performance.now() - started
    const done = now.drawn === expected.drawn && now.received >= expected.received
    if (done || performance.now() - started >= SETTLE_TIMEOUT_MS)
      return { shown: now.drawn, received: now.received, equalAfterMs }
    await sleep(100)
  }
}

async function main(): Promise<void> {
  const { things, seconds, rate, loads } = options
  // Other work on the machine shows in every figure: the load says how much there was.
  const loadBefore = loadavg()[0] ?? 0
  const running = await startBenchCloud(teardown, 'dashboard')
  log(`Local cloud on ${running.endpoint}`)

  let configJson = ''
  const dashboard = await serveDashboard(DIST_DIR, () => configJson)
  teardown.add('the dashboard server', () => dashboard.close())
  const seed = await seedDemo(running.cloud, {
    endpoint: running.endpoint,
    dashboardOrigins: [dashboard.url],
  })
  configJson = `${JSON.stringify(localDashboardConfig(seed), null, 2)}\n`
  // The seed's operator: a user in the operator group, made through the
  // user pool as `npm start` makes it (e2e/support/users.ts is bound to the
  // e2e stack's ports).
  const operator = seed.users.find((user) => user.role === 'operator')
  if (operator === undefined) throw new Error('The demo seed made no operator.')
  log(`Dashboard on ${dashboard.url}; seeding ${things.toLocaleString('en-US')} executions…`)

  const job = await seedLargeJob(running, { things })
  log(`Seeded job ${job.jobId} in ${(job.timings.totalMs / 1000).toFixed(1)} s`)

  const executablePath = chromiumExecutablePath()
  const browser = await chromium.launch({
    headless: true,
    ...(executablePath === undefined ? {} : { executablePath }),
    args: [...CHROMIUM_ARGS],
  })
  teardown.add('Chromium', () => browser.close())
  const context = await browser.newContext({ baseURL: dashboard.url, viewport: VIEWPORT })
  await installPageProbes(context)
  const pageErrors: string[] = []
  const watch = (page: Page) => {
    page.on('pageerror', (error) => pageErrors.push(error.message))
  }

  const signInPage = await context.newPage()
  watch(signInPage)
  await signIn(signInPage, operator)
  await signInPage.close()
  log(`Signed in as ${operator.username} in Chromium ${browser.version()}`)

  // a. Time to first chart, on fresh documents (the session and the cached
  // assets stay, as for an operator who opens a link).
  const jobPath = `/jobs/${encodeURIComponent(job.jobId)}`
  const firstChartMs: number[] = []
  let page: Page | undefined
  for (let load = 0; load < loads; load += 1) {
    await page?.close()
    page = await context.newPage()
    watch(page)
    await page.goto(jobPath, { waitUntil: 'commit' })
    firstChartMs.push(await timeToFirstChartMs(page, things, FIRST_CHART_TIMEOUT_MS))
    log(
      `Load ${load + 1}: chart and ${things.toLocaleString('en-US')} total after ${round(firstChartMs.at(-1))} ms`,
    )
  }
  if (page === undefined) throw new Error('No page was loaded.')

  const live = page.locator('[data-testid="live-indicator"]')
  await page
    .locator('[data-testid="live-indicator"][data-state="live"]')
    .waitFor({ timeout: LIVE_TIMEOUT_MS })
    .catch(() => undefined)
  const liveState = (await live.getAttribute('data-state')) ?? 'missing'
  log(`Live indicator: ${liveState}`)

  // b. Scrolling.
  const scrolled = await scrollExecutions(page, {
    frames: SCROLL_FRAMES,
    pxPerFrame: SCROLL_PX_PER_FRAME,
  })
  await sleep(1_000)
  const rowsLoaded = await loadedExecutionRows(page)
  const scrolling = frameFigures(scrolled.frameDeltasMs)
  log(`Scrolled ${round(scrolled.scrolledPx)} px; ${round(rowsLoaded)} rows loaded`)

  // c. and d. Events arriving while the page is on screen.
  await page.evaluate(() => window.scrollTo(0, 0))
  const baseline = await countsOnPage(page)
  await startFrameRecorder(page)
  const driveFromMs = await pageNowMs(page)
  log(`Driving ${rate.toLocaleString('en-US')} terminal updates a second for ${seconds} s…`)
  const drive = await driveExecutions(running, {
    jobId: job.jobId,
    ratePerSecond: rate,
    durationMs: seconds * 1000,
    signal: aborted.signal,
  })
  const driveUntilMs = await pageNowMs(page)
  const framesWhileDriving = frameFigures(await stopFrameRecorder(page))
  const expectedFinished = baseline.drawn + drive.updates.length
  const settled = await settle(page, {
    drawn: expectedFinished,
    received: baseline.received + drive.updates.length,
  })
  log(
    `Driver: ${drive.updates.length.toLocaleString('en-US')} terminal updates (${round(drive.achievedRatePerSecond)}/s, stopped: ${drive.stoppedBecause}); the page shows ${settled.shown.toLocaleString('en-US')} finished`,
  )
  const allLongTasks = await collectLongTasks(page)
  const longTasks = longTaskFigures(allLongTasks, driveFromMs, driveUntilMs)
  // For comparison, and as proof the observer reports at all.
  const longTasksBefore = longTaskFigures(allLongTasks, 0, driveFromMs)
  const { drawn, received } = await collectCountObservations(page)
  const updateTimes = drive.updates.map((update) => update.updatedAtMs)
  const drawnLatencies = updateLatencies(updateTimes, drawn, baseline.drawn)
  const toCounters = latencyFigures(drawnLatencies, updateTimes.length)
  const toPage = latencyFigures(
    updateLatencies(updateTimes, received, baseline.received),
    updateTimes.length,
  )
  const eventsReceived = (received.at(-1)?.count ?? 0) - baseline.received
  const drawnEarly = drawnLatencies.filter((ms) => ms < 0).length
  const overcount = maxOvercount(updateTimes, drawn, baseline.drawn)
  const finalState = (await live.getAttribute('data-state')) ?? 'missing'

  const cores = cpus()
  console.log(
    `\nbench:dashboard — the job detail page with ${things.toLocaleString('en-US')} executions, in Chromium`,
  )
  console.table({
    'a. time to first chart (median)': {
      value: `${round(median(firstChartMs))} ms`,
      detail: `${loads} fresh loads: ${firstChartMs.map((ms) => round(ms)).join(', ')} ms`,
    },
    'b. scrolling: frame time p50 / p95': {
      value: `${round(scrolling.p50Ms, 1)} / ${round(scrolling.p95Ms, 1)} ms`,
      detail: `${scrolling.frames} frames at ${SCROLL_PX_PER_FRAME} px a frame; max ${round(scrolling.maxMs)} ms`,
    },
    'b. scrolling: dropped frames': {
      value: `${scrolling.dropped}`,
      detail: `frames over ${DROPPED_FRAME_MS} ms; ${scrolled.framesAtLoadingRow} frames waited at the loading row`,
    },
    'b. scrolling: rows loaded': {
      value: `${round(rowsLoaded)}`,
      detail: `pages of 100 from ListJobExecutionsForJob; scrolled ${round(scrolled.scrolledPx)} px`,
    },
    'c. long tasks while events arrive': {
      value: `${longTasks.count}`,
      detail: `total ${round(longTasks.totalMs)} ms (${round(longTasks.busyShare * 100, 1)} % of ${round((driveUntilMs - driveFromMs) / 1000, 1)} s), max ${round(longTasks.maxMs)} ms`,
    },
    'c. frames while events arrive p50 / p95': {
      value: `${round(framesWhileDriving.p50Ms, 1)} / ${round(framesWhileDriving.p95Ms, 1)} ms`,
      detail: `${framesWhileDriving.frames} frames, ${framesWhileDriving.dropped} over ${DROPPED_FRAME_MS} ms, max ${round(framesWhileDriving.maxMs)} ms`,
    },
    'd. update → counters drawn p50 / p95': {
      value: `${round(toCounters.p50Ms)} / ${round(toCounters.p95Ms)} ms`,
      detail: `${toCounters.matched.toLocaleString('en-US')} of ${toCounters.updates.toLocaleString('en-US')} updates reached the breakdown; max ${round(toCounters.maxMs)} ms`,
    },
    'd. update → event received p50 / p95': {
      value: `${round(toPage.p50Ms)} / ${round(toPage.p95Ms)} ms`,
      detail: `${eventsReceived.toLocaleString('en-US')} of ${updateTimes.length.toLocaleString('en-US')} events handled by the page's WebSocket listener by the end; max ${round(toPage.maxMs)} ms`,
    },
    'd. counters ahead of the updates made': {
      value: `up to ${overcount.toLocaleString('en-US')} above`,
      detail: `${drawnEarly.toLocaleString('en-US')} updates drawn before they were made: events added on a DescribeJob answer that already counted them`,
    },
  })
  console.table({
    devices: { value: things.toLocaleString('en-US') },
    'event rate asked / achieved': {
      value: `${rate.toLocaleString('en-US')} / ${round(drive.achievedRatePerSecond)} a second for ${seconds} s`,
    },
    'terminal updates (job events)': { value: drive.updates.length.toLocaleString('en-US') },
    'long tasks before, loading and scrolling': {
      value: `${longTasksBefore.count}, total ${round(longTasksBefore.totalMs)} ms, max ${round(longTasksBefore.maxMs)} ms`,
    },
    'counters after the driver stopped': {
      value:
        settled.equalAfterMs === undefined
          ? `${settled.shown.toLocaleString('en-US')} finished shown, ${expectedFinished.toLocaleString('en-US')} made: not equal after ${SETTLE_TIMEOUT_MS / 1000} s`
          : `equal to the updates made ${round(settled.equalAfterMs)} ms after the driver stopped`,
    },
    'live indicator (before / after)': { value: `${liveState} / ${finalState}` },
    'page errors': { value: pageErrors.length === 0 ? 'none' : pageErrors.slice(0, 3).join(' | ') },
    'seeding the job': { value: `${round(job.timings.totalMs / 1000, 1)} s` },
    'load average (1 min) before / after': {
      value: `${loadBefore.toFixed(2)} / ${(loadavg()[0] ?? 0).toFixed(2)}`,
    },
    machine: {
      value: `${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, Chromium ${browser.version()}`,
    },
  })
}

let exitCode = 0
try {
  await main()
} catch (error) {
  console.error(
    'bench:dashboard failed:',
    error instanceof Error ? (error.stack ?? error.message) : error,
  )
  exitCode = 1
} finally {
  clearTimeout(hardTimeout)
  await teardown.run()
  log('Stopped everything it started.')
}
process.exit(exitCode)
