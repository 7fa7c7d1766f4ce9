import type { JobExecutionStatus } from '../../domain/job-execution-status.ts'
import type { Store } from '../store/store.ts'
import { executionKey, type JobExecutionRecord, type LocalCloudSchema } from '../state/records.ts'

export type StatusCounts = Record<JobExecutionStatus, number>

export const emptyCounts = (): StatusCounts => ({
  QUEUED: 0,
  IN_PROGRESS: 0,
  SUCCEEDED: 0,
  FAILED: 0,
  TIMED_OUT: 0,
  REJECTED: 0,
  REMOVED: 0,
  CANCELED: 0,
})

/**
 * Lookups the engine needs in constant time, kept beside the store and rebuilt
 * from it at start: each job's executions and per-status counts (so DescribeJob
 * and the abort criteria never list executions), and each thing's latest
 * execution of each job.
 */
export class JobIndex {
  readonly #keysByJob = new Map<string, Set<string>>()
  readonly #latestByJobThing = new Map<string, number>()
  readonly #jobsByThing = new Map<string, Set<string>>()
  readonly #counts = new Map<string, StatusCounts>()

  constructor(private readonly store: Store<LocalCloudSchema>) {
    for (const [key, execution] of store.entries('executions')) this.#add(key, execution)
  }

  #add(key: string, execution: JobExecutionRecord): void {
    const { jobId, thingName, executionNumber, status } = execution
    let keys = this.#keysByJob.get(jobId)
    if (keys === undefined) this.#keysByJob.set(jobId, (keys = new Set()))
    keys.add(key)
    const pair = `${jobId}|${thingName}`
    if ((this.#latestByJobThing.get(pair) ?? 0) < executionNumber)
      this.#latestByJobThing.set(pair, executionNumber)
    let jobs = this.#jobsByThing.get(thingName)
    if (jobs === undefined) this.#jobsByThing.set(thingName, (jobs = new Set()))
    jobs.add(jobId)
    this.countsFor(jobId)[status] += 1
  }

  countsFor(jobId: string): StatusCounts {
    let counts = this.#counts.get(jobId)
    if (counts === undefined) this.#counts.set(jobId, (counts = emptyCounts()))
    return counts
  }

  /** Stores an execution and keeps the indexes in step. */
  put(execution: JobExecutionRecord): void {
    const key = executionKey(execution.jobId, execution.thingName, execution.executionNumber)
    const previous = this.store.get('executions', key)
    if (previous !== undefined) this.countsFor(previous.jobId)[previous.status] -= 1
    this.store.put('executions', key, execution)
    if (previous === undefined) this.#add(key, execution)
    else this.countsFor(execution.jobId)[execution.status] += 1
  }

  delete(execution: JobExecutionRecord): void {
    const key = executionKey(execution.jobId, execution.thingName, execution.executionNumber)
    if (!this.store.has('executions', key)) return
    this.store.delete('executions', key)
    this.countsFor(execution.jobId)[execution.status] -= 1
    this.#keysByJob.get(execution.jobId)?.delete(key)
    const pair = `${execution.jobId}|${execution.thingName}`
    if (this.#latestByJobThing.get(pair) === execution.executionNumber) {
      const remaining = [...(this.#keysByJob.get(execution.jobId) ?? [])]
        .map((other) => this.store.get('executions', other))
        .filter((other) => other?.thingName === execution.thingName)
        .map((other) => other?.executionNumber ?? 0)
      if (remaining.length === 0) {
        this.#latestByJobThing.delete(pair)
        this.#jobsByThing.get(execution.thingName)?.delete(execution.jobId)
      } else this.#latestByJobThing.set(pair, Math.max(...remaining))
    }
  }

  get(jobId: string, thingName: string, executionNumber: number): JobExecutionRecord | undefined {
    return this.store.get('executions', executionKey(jobId, thingName, executionNumber))
  }

  latest(jobId: string, thingName: string): JobExecutionRecord | undefined {
    const number = this.#latestByJobThing.get(`${jobId}|${thingName}`)
    return number === undefined ? undefined : this.get(jobId, thingName, number)
  }

  /** Every execution of a job, every attempt included, in creation order. */
  forJob(jobId: string): JobExecutionRecord[] {
    return [...(this.#keysByJob.get(jobId) ?? [])]
      .map((key) => this.store.get('executions', key))
      .filter((execution): execution is JobExecutionRecord => execution !== undefined)
  }

  /** The latest execution of each job the thing has one for. */
  latestForThing(thingName: string): JobExecutionRecord[] {
    return [...(this.#jobsByThing.get(thingName) ?? [])]
      .map((jobId) => this.latest(jobId, thingName))
      .filter((execution): execution is JobExecutionRecord => execution !== undefined)
  }

  /** Every execution on the thing, every attempt included. */
  allForThing(thingName: string): JobExecutionRecord[] {
    return [...(this.#jobsByThing.get(thingName) ?? [])].flatMap((jobId) =>
      this.forJob(jobId).filter((execution) => execution.thingName === thingName),
    )
  }

  forgetJob(jobId: string): void {
    this.#keysByJob.delete(jobId)
    this.#counts.delete(jobId)
  }
}
