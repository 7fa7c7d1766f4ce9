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
 * from it at start: each job's executions, all of them and by status, and
 * per-status counts (so DescribeJob and the abort criteria never list
 * executions, and a page of ListJobExecutionsForJob never reads the other
 * 100,000), and each thing's latest execution of each job.
 */
export class JobIndex {
  readonly #keysByJob = new Map<string, Set<string>>()
  /** Per job and status, in the order the executions reached that status. */
  readonly #keysByJobStatus = new Map<string, Map<JobExecutionStatus, Set<string>>>()
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
    this.#statusKeys(jobId, status).add(key)
  }

  #statusKeys(jobId: string, status: JobExecutionStatus): Set<string> {
    let byStatus = this.#keysByJobStatus.get(jobId)
    if (byStatus === undefined)
      this.#keysByJobStatus.set(jobId, (byStatus = new Map<JobExecutionStatus, Set<string>>()))
    let keys = byStatus.get(status)
    if (keys === undefined) byStatus.set(status, (keys = new Set()))
    return keys
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
    if (previous === undefined) {
      this.#add(key, execution)
      return
    }
    this.countsFor(execution.jobId)[execution.status] += 1
    if (previous.status !== execution.status) {
      this.#statusKeys(previous.jobId, previous.status).delete(key)
      this.#statusKeys(execution.jobId, execution.status).add(key)
    }
  }

  delete(execution: JobExecutionRecord): void {
    const { jobId, thingName, executionNumber } = execution
    const key = executionKey(jobId, thingName, executionNumber)
    // The stored record, not the caller's copy, says which status it is counted under.
    const stored = this.store.get('executions', key)
    if (stored === undefined) return
    this.store.delete('executions', key)
    this.countsFor(jobId)[stored.status] -= 1
    this.#keysByJob.get(jobId)?.delete(key)
    this.#statusKeys(jobId, stored.status).delete(key)
    const pair = `${jobId}|${thingName}`
    if (this.#latestByJobThing.get(pair) === executionNumber) {
      // Attempts are numbered 1, 2, … per job and thing: look below this one
      // rather than through every execution of the job (a 100,000-thing job
      // being deleted would otherwise cost 100,000² lookups).
      let remaining = executionNumber - 1
      while (
        remaining > 0 &&
        !this.store.has('executions', executionKey(jobId, thingName, remaining))
      )
        remaining -= 1
      if (remaining === 0) {
        this.#latestByJobThing.delete(pair)
        this.#jobsByThing.get(thingName)?.delete(jobId)
      } else this.#latestByJobThing.set(pair, remaining)
    }
  }

  get(jobId: string, thingName: string, executionNumber: number): JobExecutionRecord | undefined {
    return this.store.get('executions', executionKey(jobId, thingName, executionNumber))
  }

  latest(jobId: string, thingName: string): JobExecutionRecord | undefined {
    const number = this.#latestByJobThing.get(`${jobId}|${thingName}`)
    return number === undefined ? undefined : this.get(jobId, thingName, number)
  }

  /**
   * Keys of a job's executions, every attempt included: in creation order,
   * or, with `status`, in the order they reached it (so a list of ended
   * executions only grows at its end while a job runs).
   */
  keysForJob(jobId: string, status?: JobExecutionStatus): string[] {
    const keys =
      status === undefined
        ? this.#keysByJob.get(jobId)
        : this.#keysByJobStatus.get(jobId)?.get(status)
    return [...(keys ?? [])]
  }

  byKey(key: string): JobExecutionRecord | undefined {
    return this.store.get('executions', key)
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
    this.#keysByJobStatus.delete(jobId)
    this.#counts.delete(jobId)
  }
}
