// How many AWS calls the wall display makes a minute, at 200 devices and at
// 10,000 (issue 11: the number must not grow with the fleet). For each size:
// a local cloud in this process with the demo seed (users, pools, job
// events, fleet indexing), N things whose shadows report a model and a
// firmware version, and a job of N executions in progress
// (bench/dashboard/seed-large-job.ts); the built dashboard (dist/, as
// `vite build` left it) served on a free loopback port; Chromium signed in
// as the demo viewer on /wall. Once the wall is live and shows the fleet and
// the job, every request the page sends to the cloud is counted by AWS
// operation for the measured window, while the job's devices report at a
// rate that grows with the fleet (each report is a job event pushed to the
// wall). Prints one table; exits 0.
// `npm run bench:wall` (2 minutes a size); `-- --minutes 1 --sizes 200,10000`.
import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { chromium, expect, type Request } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../e2e/support/chromium.ts'
import { signIn } from '../e2e/support/sign-in.ts'
import { localDashboardConfig } from '../local/seed/dashboard-config.ts'
import { seedDemo } from '../local/seed/demo-seed.ts'
import { driveExecutions } from './dashboard/event-driver.ts'
import { seedLargeJob } from './dashboard/seed-large-job.ts'
import { serveDashboard } from './dashboard/static-dashboard-server.ts'
import { startBenchCloud } from './dashboard/bench-cloud.ts'
import { createTeardown } from './dashboard/teardown.ts'

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '2' },
    sizes: { type: 'string', default: '200,10000' },
  },
})
const MINUTES = Number(values.minutes)
const SIZES = values.sizes.split(',').map(Number)
if (!(MINUTES > 0 && MINUTES <= 10) || SIZES.some((size) => !Number.isInteger(size) || size < 10)) {
  console.error('usage: npm run bench:wall -- [--minutes 0.5–10] [--sizes 200,10000]')
  process.exit(2)
}
const DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url))
if (!existsSync(join(DIST_DIR, 'index.html'))) {
  console.error('No dashboard build in dist/: run `npm run build` first.')
  process.exit(1)
}

/** The devices' models and versions: a few of each, as a real fleet has. */
const MODELS = [
  { model: 'lamp-v2', share: 0.5, versions: ['2.0.0', '1.2.0', '1.1.0'] },
  { model: 'lock-v3', share: 0.3, versions: ['3.2.0', '3.1.0'] },
  { model: 'thermostat-v1', share: 0.2, versions: ['2.0.0', '1.5.0', '1.4.0'] },
] as const
/**
 * The job's devices report at 30 % of the fleet a minute: one a second at
 * 200 devices, fifty at 10,000. Events grow with the fleet; calls must not.
 */
const reportsPerSecond = (devices: number) => Math.max(1, Math.round(devices / 200))
const SETUP_TIMEOUT_MS = 120_000

const started = performance.now()
const log = (message: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`)

/** The AWS operation a request to the local cloud is: X-Amz-Target for JSON services, method and path for IoT's REST API. */
function operationOf(request: Request): string {
  const target = request.headers()['x-amz-target']
  if (target !== undefined) return target.slice(target.lastIndexOf('.') + 1)
  const { pathname } = new URL(request.url())
  const method = request.method()
  if (method === 'GET' && pathname === '/jobs') return 'ListJobs'
  if (method === 'GET' && /^\/jobs\/[^/]+$/.test(pathname)) return 'DescribeJob'
  if (method === 'POST' && pathname === '/indices/statistics') return 'GetStatistics'
  if (method === 'POST' && pathname === '/indices/buckets') return 'GetBucketsAggregation'
  return `${method} ${pathname.replace(/\/[^/]+$/, '/…')}`
}

function firmwareOf(index: number, devices: number): { model: string; version: string } {
  let from = 0
  for (const { model, share, versions } of MODELS) {
    const upTo = from + share * devices
    if (index < upTo || model === MODELS.at(-1)?.model) {
      const position = Math.floor(((index - from) / Math.max(1, upTo - from)) * versions.length)
      return { model, version: versions[Math.min(position, versions.length - 1)] ?? '1.0.0' }
    }
    from = upTo
  }
  return { model: 'lamp-v2', version: '2.0.0' }
}

interface SizeResult {
  readonly devices: number
  readonly perMinute: ReadonlyMap<string, number>
  readonly websockets: number
  readonly reports: number
  readonly shown: { devices: string | null; total: string | null; finished: number }
}

async function measure(devices: number): Promise<SizeResult> {
  const teardown = createTeardown()
  try {
    const running = await startBenchCloud(teardown, 'wall')
    let configJson = '{}'
    const dashboard = await serveDashboard(DIST_DIR, () => configJson)
    teardown.add('the dashboard server', () => dashboard.close())
    const seed = await seedDemo(running.cloud, {
      endpoint: running.endpoint,
      dashboardOrigins: [dashboard.url],
    })
    configJson = JSON.stringify(localDashboardConfig(seed))
    const viewer = seed.users.find((user) => user.role === 'viewer')
    if (viewer === undefined) throw new Error('The demo seed has no viewer.')

    log(`${devices} devices: seeding things, shadows and a job of ${devices} executions`)
    const job = await seedLargeJob(running, { things: devices, jobId: `wall-bench-${devices}` })
    const encoder = new TextEncoder()
    for (let start = 0; start < job.thingNames.length; start += 500) {
      await Promise.all(
        job.thingNames.slice(start, start + 500).map((thingName, offset) =>
          running.cloud.shadows.updateThingShadow(
            thingName,
            undefined,
            encoder.encode(
              JSON.stringify({
                state: { reported: { firmware: firmwareOf(start + offset, devices) } },
              }),
            ),
          ),
        ),
      )
    }
    await running.cloud.store.flush()

    const executablePath = chromiumExecutablePath()
    const browser = await chromium.launch({
      headless: true,
      args: [...CHROMIUM_ARGS],
      ...(executablePath === undefined ? {} : { executablePath }),
    })
    teardown.add('the browser', () => browser.close())
    const page = await browser.newPage({
      baseURL: dashboard.url,
      viewport: { width: 1920, height: 1080 },
    })
    log(`${devices} devices: the viewer signs in and opens /wall`)
    await signIn(page, { username: viewer.username, password: viewer.password }, '/')
    await page.goto('/wall')
    await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', {
      timeout: SETUP_TIMEOUT_MS,
    })
    const fleet = page.getByTestId('wall-fleet')
    const featured = page.getByTestId('wall-featured-job')
    await expect(fleet).toHaveAttribute('data-devices', String(devices), {
      timeout: SETUP_TIMEOUT_MS,
    })
    await expect(featured).toHaveAttribute('data-total', String(devices), {
      timeout: SETUP_TIMEOUT_MS,
    })

    // From here on: the wall's steady state.
    const counts = new Map<string, number>()
    let websockets = 0
    let counting = true
    page.on('request', (request) => {
      if (!counting || !request.url().startsWith(running.endpoint)) return
      if (request.method() === 'OPTIONS') return
      const operation = operationOf(request)
      counts.set(operation, (counts.get(operation) ?? 0) + 1)
    })
    page.on('websocket', () => {
      if (counting) websockets += 1
    })
    const windowMs = MINUTES * 60_000
    log(
      `${devices} devices: counting for ${String(MINUTES)} min while devices report ${String(reportsPerSecond(devices))}/s`,
    )
    const drive = await driveExecutions(running, {
      jobId: job.jobId,
      ratePerSecond: reportsPerSecond(devices),
      durationMs: windowMs,
      failedShare: 0.05,
    })
    counting = false
    // The wall kept up meanwhile: what it draws matches what the devices reported.
    const finishedShown = async () =>
      Number(await featured.getAttribute('data-succeeded')) +
      Number(await featured.getAttribute('data-failed'))
    await expect
      .poll(finishedShown, { timeout: 40_000 })
      .toBe(drive.updates.length)
      .catch(() => undefined)
    const shown = {
      devices: await fleet.getAttribute('data-devices'),
      total: await featured.getAttribute('data-total'),
      finished: await finishedShown(),
    }
    const perMinute = new Map([...counts].map(([operation, count]) => [operation, count / MINUTES]))
    return { devices, perMinute, websockets, reports: drive.updates.length, shown }
  } finally {
    await teardown.run()
  }
}

const results: SizeResult[] = []
for (const devices of SIZES) results.push(await measure(devices))

const operations = [...new Set(results.flatMap((result) => [...result.perMinute.keys()]))].sort()
const column = (result: SizeResult) => `${result.devices.toLocaleString('en-US')} devices`
const table: Record<string, Record<string, string | number>> = {}
for (const operation of operations)
  table[`${operation} /min`] = Object.fromEntries(
    results.map((result) => [
      column(result),
      Number((result.perMinute.get(operation) ?? 0).toFixed(2)),
    ]),
  )
table['AWS calls /min (total)'] = Object.fromEntries(
  results.map((result) => [
    column(result),
    Number([...result.perMinute.values()].reduce((sum, count) => sum + count, 0).toFixed(2)),
  ]),
)
table['MQTT connections opened'] = Object.fromEntries(
  results.map((result) => [column(result), result.websockets]),
)
table['job events pushed (device reports)'] = Object.fromEntries(
  results.map((result) => [column(result), result.reports]),
)
console.log(
  `\nThe wall's AWS calls, counted in Chromium over ${String(MINUTES)} min per size (load average ${loadavg()[0]?.toFixed(2) ?? 'n/a'})`,
)
console.table(table)
for (const result of results)
  console.log(
    `${column(result)}: the wall showed ${result.shown.devices ?? '?'} devices and a rollout of ${result.shown.total ?? '?'} executions, ${String(result.shown.finished)} finished of the ${String(result.reports)} the devices reported.`,
  )
process.exit(0)
