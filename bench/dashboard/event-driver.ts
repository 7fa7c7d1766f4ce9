import { FAILURE_REASONS } from '../../fleet/device-machine.ts'
import { createRandom, type Random } from '../../fleet/random.ts'
import { DeviceRejection } from '../../local/jobs/device-rejection.ts'
import { updateJobExecution, type DeviceApi } from '../../local/jobs/device-api.ts'
import type { RunningLocalCloud } from '../../local/start.ts'
import type { JobExecutionRecord } from '../../local/state/records.ts'

/**
 * Plays the devices of a seeded job (seed-large-job.ts) at a set rate, for
 * bench/dashboard: each execution goes QUEUED → IN_PROGRESS, then
 * `inProgressMs` later to SUCCEEDED or FAILED, through the Jobs device API's
 * own UpdateJobExecution (local/jobs/device-api.ts, what MQTT and HTTPS
 * device requests call), so the local cloud checks the move, stores it,
 * flushes it, and publishes the real job event over MQTT to subscribers (the
 * dashboard). The statusDetails are the simulator's (docs/simulator.md).
 *
 * Bounded: terminal updates run for `durationMs` at `ratePerSecond` (after
 * `inProgressMs` of starts only), or until the job has no execution left to
 * move, or until `signal` aborts. For latency, it returns the wall-clock
 * time (Date.now(), the clock a browser's event handler also reads) at which
 * each terminal update was made.
 */
export interface DriveOptions {
  readonly jobId: string
  /** Terminal updates a second (1,000 by default). */
  readonly ratePerSecond?: number
  /** How long terminal updates run (30 s by default). */
  readonly durationMs?: number
  /** How long each execution stays IN_PROGRESS before it ends (1 s by default). */
  readonly inProgressMs?: number
  /** The share of executions that end FAILED (5 % by default); the rest SUCCEEDED. */
  readonly failedShare?: number
  /** How often the driver wakes up to catch up with the rate (50 ms by default). */
  readonly tickMs?: number
  readonly seed?: number
  readonly signal?: AbortSignal
}

export interface DrivenUpdate {
  readonly thingName: string
  readonly status: 'SUCCEEDED' | 'FAILED'
  /** Date.now() when the terminal UpdateJobExecution was made. */
  readonly updatedAtMs: number
}

export interface DriveReport {
  readonly updates: readonly DrivenUpdate[]
  readonly started: number
  readonly elapsedMs: number
  /** Terminal updates a second over the time they ran. */
  readonly achievedRatePerSecond: number
  readonly stoppedBecause: 'duration' | 'no-executions-left' | 'aborted'
}

const PREVIOUS_VERSION = '1.0.0'

/** A download time in ms as the simulator reports it: mostly 1–4 s, with a long tail. */
function downloadMs(random: Random): string {
  const base = 1_000 + random.next() * 3_000
  const tail = random.chance(0.05) ? random.next() * 20_000 : 0
  return String(Math.round(base + tail))
}

const FAILURES = [
  FAILURE_REASONS.bootFailed,
  FAILURE_REASONS.checksumMismatch,
  FAILURE_REASONS.downloadFailed,
] as const

function finalDetails(
  random: Random,
  status: 'SUCCEEDED' | 'FAILED',
  targetVersion: string,
): Record<string, string> {
  const kept = { downloadMs: downloadMs(random), targetVersion, previousVersion: PREVIOUS_VERSION }
  if (status === 'SUCCEEDED') return { step: 'rebooted', runningVersion: targetVersion, ...kept }
  const reason = FAILURES[Math.floor(random.next() * FAILURES.length)] ?? FAILURES[0]
  return {
    reason,
    message: `Benchmark failure: ${reason}.`,
    runningVersion: PREVIOUS_VERSION,
    ...kept,
  }
}

// The abort listener goes when the timer fires: one per tick would pile up on a long run.
const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })

export async function driveExecutions(
  running: RunningLocalCloud,
  {
    jobId,
    ratePerSecond = 1_000,
    durationMs = 30_000,
    inProgressMs = 1_000,
    failedShare = 0.05,
    tickMs = 50,
    seed = 1,
    signal,
  }: DriveOptions,
): Promise<DriveReport> {
  const { engine, store } = running.cloud
  const job = engine.requireJob(jobId)
  const document = JSON.parse(engine.jobDocument(jobId)) as { version?: unknown }
  const targetVersion = typeof document.version === 'string' ? document.version : '2.0.0'
  // Only updates, never includeJobDocument: the document source is never asked.
  const api: DeviceApi = { engine, documents: () => Promise.resolve(engine.jobDocument(jobId)) }
  const random = createRandom(seed)
  const queued: JobExecutionRecord[] = engine.index
    .forJob(job.jobId)
    .filter((execution) => execution.status === 'QUEUED')
  const inProgress: string[] = []
  const updates: DrivenUpdate[] = []
  let nextQueued = 0
  let nextInProgress = 0
  let started = 0

  const move = async (
    thingName: string,
    status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED',
    statusDetails: Record<string, string>,
  ): Promise<boolean> => {
    const result = await updateJobExecution(api, thingName, jobId, {
      status,
      statusDetails,
      includeJobExecutionState: false,
      includeJobDocument: false,
    })
    // Canceled or removed meanwhile (the dashboard may cancel mid-benchmark): skip it.
    return !(result instanceof DeviceRejection)
  }

  // Execution k starts at startedAt + k / rate and ends inProgressMs later.
  const startedAt = performance.now()
  const finishStartsAt = startedAt + inProgressMs
  const endsAt = finishStartsAt + durationMs
  const dueBetween = (now: number, from: number, until: number) =>
    Math.max(0, Math.floor(((Math.min(now, until) - from) * ratePerSecond) / 1000))
  let stoppedBecause: DriveReport['stoppedBecause'] = 'duration'

  for (;;) {
    if (signal?.aborted === true) {
      stoppedBecause = 'aborted'
      break
    }
    const now = performance.now()
    const startsDue = dueBetween(now, startedAt, startedAt + durationMs)
    while (started < startsDue && nextQueued < queued.length) {
      const execution = queued[nextQueued++] as JobExecutionRecord
      if (
        await move(execution.thingName, 'IN_PROGRESS', {
          step: 'downloading',
          progress: '0',
          targetVersion,
          previousVersion: PREVIOUS_VERSION,
        })
      ) {
        inProgress.push(execution.thingName)
        started += 1
      }
    }
    const finishesDue = dueBetween(now, finishStartsAt, endsAt)
    while (updates.length < finishesDue && nextInProgress < inProgress.length) {
      const thingName = inProgress[nextInProgress++] as string
      const status = random.chance(failedShare) ? 'FAILED' : 'SUCCEEDED'
      const updatedAtMs = Date.now()
      if (await move(thingName, status, finalDetails(random, status, targetVersion)))
        updates.push({ thingName, status, updatedAtMs })
    }
    // Acknowledged as the edge acknowledges a device: once durable.
    await store.flush()
    if (now >= endsAt) break
    if (nextQueued >= queued.length && nextInProgress >= inProgress.length) {
      stoppedBecause = 'no-executions-left'
      break
    }
    await sleep(tickMs, signal)
  }
  const elapsedMs = performance.now() - startedAt
  const finishingMs = Math.max(1, performance.now() - finishStartsAt)
  return {
    updates,
    started,
    elapsedMs,
    achievedRatePerSecond: (updates.length * 1000) / finishingMs,
    stoppedBecause,
  }
}
