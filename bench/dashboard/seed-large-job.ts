import {
  CreateJobCommand,
  CreateThingGroupCommand,
  DescribeJobCommand,
  IoTClient,
  UpdateEventConfigurationsCommand,
} from '@aws-sdk/client-iot'
import { serializeJobDocument } from '../../domain/job-document.ts'
import { unwrap } from '../../domain/validation.ts'
import { ADMIN_CREDENTIALS, REGION } from '../../local/config.ts'
import { rollOut } from '../../local/jobs/rollout-scheduler.ts'
import type { RunningLocalCloud } from '../../local/start.ts'

/**
 * A job of 100,000 executions in a local cloud started in this process
 * (`startLocalCloud` or the contract fixture), for bench/dashboard: N
 * things in one static group, and a SNAPSHOT install job on the group, with
 * every execution QUEUED, as the public API leaves them once the rollout
 * has notified everyone.
 *
 * Through the API this would take hours: 100,000 CreateThing and
 * AddThingToThingGroup calls, then a rollout of 100 minutes (AWS's 1,000
 * things a minute). So the things and memberships go straight to the
 * registry (the code the API handlers call, with the same listeners: fleet
 * indexing, continuous jobs), the job is made by a real CreateJob over
 * HTTP, and the rollout runs through the engine's own `rollOut` as if those
 * 100 minutes had passed. Everything else (DescribeJob counters,
 * ListJobExecutionsForJob, notifications, job events once executions move)
 * is then exactly what the API would give. Only the timestamps differ:
 * every execution is queued within a few seconds.
 */
export interface SeedLargeJobOptions {
  /** How many things (and so executions); 100,000 by default. */
  readonly things?: number
  readonly jobId?: string
  readonly thingGroupName?: string
  /** Thing names are `<prefix>-000001` …. */
  readonly thingNamePrefix?: string
  /** Things created between two flushes and yields to the event loop. */
  readonly batchSize?: number
}

export interface SeedTimings {
  readonly thingsMs: number
  readonly membershipsMs: number
  readonly createJobMs: number
  readonly rolloutMs: number
  readonly totalMs: number
}

export interface LargeJob {
  readonly jobId: string
  readonly jobArn: string
  readonly thingGroupName: string
  readonly thingNames: readonly string[]
  readonly timings: SeedTimings
}

export const LARGE_JOB_MODEL = 'bench-v1'
export const LARGE_JOB_VERSION = '2.0.0'

/** An install document as the dashboard writes them (domain/job-document.ts). */
export const LARGE_JOB_DOCUMENT = unwrap(
  serializeJobDocument({
    operation: 'install',
    url: `https://fleetdeck-firmware.s3.${REGION}.amazonaws.com/${LARGE_JOB_MODEL}/${LARGE_JOB_VERSION}/firmware.bin`,
    version: LARGE_JOB_VERSION,
    sha256: '0'.repeat(64),
    size: 4096,
    forced: false,
    model: LARGE_JOB_MODEL,
  }),
).text

const MINUTE_MS = 60_000

/** Lets the edge, the engine's tick and MQTT run between batches. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

export async function seedLargeJob(
  running: RunningLocalCloud,
  {
    things = 100_000,
    jobId = `large-job-${Date.now().toString(36)}`,
    thingGroupName = `${jobId}-group`,
    thingNamePrefix = `${jobId}-thing`,
    batchSize = 5_000,
  }: SeedLargeJobOptions = {},
): Promise<LargeJob> {
  const { registry, engine, store } = running.cloud
  const iot = new IoTClient({
    region: REGION,
    endpoint: running.endpoint,
    credentials: ADMIN_CREDENTIALS,
  })
  try {
    const started = performance.now()
    // Job events, as the demo seed switches them on: the dashboard listens to them.
    await iot.send(
      new UpdateEventConfigurationsCommand({
        eventConfigurations: { JOB: { Enabled: true }, JOB_EXECUTION: { Enabled: true } },
      }),
    )
    await iot.send(new CreateThingGroupCommand({ thingGroupName }))

    const width = Math.max(6, String(things).length)
    const thingNames = Array.from(
      { length: things },
      (_, index) => `${thingNamePrefix}-${String(index + 1).padStart(width, '0')}`,
    )
    const inBatches = async (work: (thingName: string) => void) => {
      for (let start = 0; start < thingNames.length; start += batchSize) {
        for (const thingName of thingNames.slice(start, start + batchSize)) work(thingName)
        await store.flush()
        await yieldToEventLoop()
      }
    }
    await inBatches((thingName) => {
      registry.createThing({ thingName, attributes: { model: LARGE_JOB_MODEL } })
    })
    const thingsDone = performance.now()
    await inBatches((thingName) => registry.addThingToThingGroup(thingGroupName, thingName))
    const membershipsDone = performance.now()

    const created = await iot.send(
      new CreateJobCommand({
        jobId,
        targets: [registry.describeThingGroup(thingGroupName).thingGroupArn],
        targetSelection: 'SNAPSHOT',
        document: LARGE_JOB_DOCUMENT,
        description: `Benchmark: ${things} executions`,
      }),
    )
    const createJobDone = performance.now()

    // The rollout, as if the minutes it takes at AWS's default rate had passed.
    const job = engine.requireJob(jobId)
    const now = engine.clock.now()
    const minutes = Math.ceil(things / Math.max(1, job.rolloutRatePerMinute))
    rollOut(engine, job, job.rolloutWindowStartMs + (minutes + 1) * MINUTE_MS)
    // Its rate window goes back to now, where the real rollout would have left it.
    const rolled = engine.requireJob(jobId)
    engine.putJob({ ...rolled, rolloutWindowStartMs: now, rolloutWindowCount: 0 })
    await store.flush()
    const rolloutDone = performance.now()

    const { job: described } = await iot.send(new DescribeJobCommand({ jobId }))
    const queued = described?.jobProcessDetails?.numberOfQueuedThings
    if (queued !== things || described?.jobProcessDetails?.processingTargets !== undefined) {
      throw new Error(
        `Seeding ${jobId} left ${queued} executions queued of ${things}, or a rollout still running.`,
      )
    }
    return {
      jobId,
      jobArn: created.jobArn ?? '',
      thingGroupName,
      thingNames,
      timings: {
        thingsMs: thingsDone - started,
        membershipsMs: membershipsDone - thingsDone,
        createJobMs: createJobDone - membershipsDone,
        rolloutMs: rolloutDone - createJobDone,
        totalMs: rolloutDone - started,
      },
    }
  } finally {
    iot.destroy()
  }
}
