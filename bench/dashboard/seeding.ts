// The server side of bench/dashboard on its own: the demo seed (users,
// pools, job events, fleet indexing of registry and shadows, as the dashboard
// bench has them), then a job of 100,000 executions in a local cloud in this
// process (seed-large-job.ts), times the
// calls the job detail page makes on it (DescribeJob, ListJobExecutionsForJob
// pages with a status filter, DescribeJobExecution), then drives terminal
// updates at 1,000 a second (event-driver.ts) while DescribeJob keeps being
// asked. Loopback only, bounded, stops by itself, prints tables.
// `npx tsx bench/dashboard/seeding.ts [things] [drive seconds]`.
import { readFileSync } from 'node:fs'
import {
  CancelJobCommand,
  DescribeJobCommand,
  DescribeJobExecutionCommand,
  ListJobExecutionsForJobCommand,
} from '@aws-sdk/client-iot'
import { seedDemo } from '../../local/seed/demo-seed.ts'
import { startLocalCloudFixture } from '../../local/testing/local-cloud-fixture.ts'
import { driveExecutions } from './event-driver.ts'
import { seedLargeJob } from './seed-large-job.ts'

const THINGS = Number(process.argv[2] ?? 100_000)
const DRIVE_SECONDS = Number(process.argv[3] ?? 10)
const ROUNDS = 20

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)

/** Peak resident set (VmHWM) of this process, in MB (Linux). */
function peakRssMb(): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024)
  } catch {
    return undefined
  }
}

async function timed(ask: () => Promise<unknown>, rounds = ROUNDS) {
  await ask() // warm-up
  const timings: number[] = []
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now()
    await ask()
    timings.push(performance.now() - started)
  }
  timings.sort((a, b) => a - b)
  const at = (share: number) =>
    timings[Math.min(timings.length - 1, Math.floor(share * timings.length))] ?? 0
  return { 'p50 ms': Number(at(0.5).toFixed(2)), 'p95 ms': Number(at(0.95).toFixed(2)) }
}

const cloud = await startLocalCloudFixture()
try {
  await seedDemo(cloud.running.cloud, {
    endpoint: cloud.endpoint,
    dashboardOrigins: ['http://127.0.0.1:5173'],
  })
  const before = process.memoryUsage()
  const seeded = await seedLargeJob(cloud.running, { things: THINGS })
  global.gc?.()
  const after = process.memoryUsage()
  const { jobId } = seeded
  console.log(`\nSeeded ${THINGS} things, a group and a job of ${THINGS} executions`)
  console.table({
    'things (registry)': { seconds: seeded.timings.thingsMs / 1000 },
    'group memberships': { seconds: seeded.timings.membershipsMs / 1000 },
    'CreateJob (SDK)': { seconds: seeded.timings.createJobMs / 1000 },
    'rollout (engine)': { seconds: seeded.timings.rolloutMs / 1000 },
    total: { seconds: seeded.timings.totalMs / 1000 },
  })
  console.table({
    'heap used MB': { before: mb(before.heapUsed), after: mb(after.heapUsed) },
    'RSS MB': { before: mb(before.rss), after: mb(after.rss) },
    'peak RSS MB': { before: '', after: peakRssMb() ?? 'n/a' },
  })

  const { iot } = cloud
  const lastPageToken = async (status: 'QUEUED') => {
    let nextToken: string | undefined
    let token: string | undefined
    let pages = 0
    const started = performance.now()
    do {
      token = nextToken
      const page = await iot.send(
        new ListJobExecutionsForJobCommand({ jobId, status, maxResults: 250, nextToken }),
      )
      nextToken = page.nextToken
      pages += 1
    } while (nextToken !== undefined)
    return { token, pages, seconds: (performance.now() - started) / 1000 }
  }
  const deep = await lastPageToken('QUEUED')
  const thingName = seeded.thingNames[Math.floor(THINGS / 2)] ?? ''
  console.log(`\nCalls on the seeded job through the SDK, ${ROUNDS} each`)
  console.table({
    DescribeJob: await timed(() => iot.send(new DescribeJobCommand({ jobId }))),
    'ListJobExecutionsForJob first page (250)': await timed(() =>
      iot.send(new ListJobExecutionsForJobCommand({ jobId, maxResults: 250 })),
    ),
    'ListJobExecutionsForJob QUEUED first page': await timed(() =>
      iot.send(new ListJobExecutionsForJobCommand({ jobId, status: 'QUEUED', maxResults: 250 })),
    ),
    'ListJobExecutionsForJob QUEUED last page': await timed(() =>
      iot.send(
        new ListJobExecutionsForJobCommand({
          jobId,
          status: 'QUEUED',
          maxResults: 250,
          nextToken: deep.token,
        }),
      ),
    ),
    'ListJobExecutionsForJob FAILED (none yet)': await timed(() =>
      iot.send(new ListJobExecutionsForJobCommand({ jobId, status: 'FAILED', maxResults: 250 })),
    ),
    DescribeJobExecution: await timed(() =>
      iot.send(new DescribeJobExecutionCommand({ jobId, thingName })),
    ),
  })
  console.log(
    `Paging every QUEUED execution: ${deep.pages} pages of 250 in ${deep.seconds.toFixed(2)} s`,
  )

  // DescribeJob keeps being asked (as a polling dashboard would) while the driver runs.
  let polling = true
  const pollTimings: number[] = []
  const poller = (async () => {
    while (polling) {
      const started = performance.now()
      await iot.send(new DescribeJobCommand({ jobId }))
      pollTimings.push(performance.now() - started)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  })()
  const report = await driveExecutions(cloud.running, {
    jobId,
    ratePerSecond: 1_000,
    durationMs: DRIVE_SECONDS * 1000,
  })
  polling = false
  await poller
  pollTimings.sort((a, b) => a - b)
  const { job } = await iot.send(new DescribeJobCommand({ jobId }))
  console.log(`\nDriving terminal updates at 1,000/s for ${DRIVE_SECONDS} s`)
  console.table({
    driver: {
      'terminal updates': report.updates.length,
      'achieved /s': Math.round(report.achievedRatePerSecond),
      stopped: report.stoppedBecause,
      'DescribeJob p50 ms': Number(
        (pollTimings[Math.floor(pollTimings.length / 2)] ?? 0).toFixed(2),
      ),
      'DescribeJob max ms': Number((pollTimings.at(-1) ?? 0).toFixed(2)),
      'peak RSS MB': peakRssMb() ?? 'n/a',
    },
  })
  console.log('Counters after driving:', job?.jobProcessDetails)

  // Cancelling moves every QUEUED execution at once (and publishes an event for each).
  const cancelStarted = performance.now()
  await iot.send(new CancelJobCommand({ jobId, force: true }))
  const cancelSeconds = (performance.now() - cancelStarted) / 1000
  const { job: canceled } = await iot.send(new DescribeJobCommand({ jobId }))
  console.log(
    `\nCancelJob (force) of the rest: ${cancelSeconds.toFixed(2)} s; ${canceled?.status}, ${canceled?.jobProcessDetails?.numberOfCanceledThings} executions canceled`,
  )
} finally {
  await cloud.stop()
}
