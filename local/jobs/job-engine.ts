import {
  isTerminalJobExecutionStatus,
  transitionJobExecution,
  type JobExecutionStatus,
} from '../../domain/job-execution-status.ts'
import { transitionJob, type JobActor } from '../../domain/job-status.ts'
import {
  invalidRequest,
  invalidStateTransition,
  limitExceeded,
  resourceNotFound,
} from '../edge/aws-error.ts'
import type { Clock } from '../clock.ts'
import type { Registry } from '../iot/registry.ts'
import type { Store } from '../store/store.ts'
import type { JobExecutionRecord, JobRecord, LocalCloudSchema } from '../state/records.ts'
import { DeadlineQueue } from './deadline-queue.ts'
import { abortDecision, retryCause, targetsReach } from './execution-policies.ts'
import { JobIndex } from './job-index.ts'
import { advanceRollout } from './rollout.ts'
import { applySchedule, rollOut } from './rollout-scheduler.ts'

/**
 * The job engine: rolls jobs out, times executions out, retries, aborts,
 * completes, and follows group membership for continuous jobs, with AWS IoT
 * Jobs' semantics. Every status change goes through the transition functions
 * in domain/. The engine runs on one periodic tick; deadlines sit in one heap.
 */
export interface ExecutionChange {
  readonly execution: JobExecutionRecord
  readonly previous?: JobExecutionRecord
}

/**
 * Told after each change is in the store, for the MQTT side: the jobs
 * notifications (notify, notify-next) and the job events. Listeners run
 * synchronously inside the engine's work and must not change jobs.
 */
export interface JobEngineListener {
  onExecutionChanged?(change: ExecutionChange): void
  /** DeleteJobExecution forgot the execution. */
  onExecutionDeleted?(execution: JobExecutionRecord): void
  onJobChanged?(job: JobRecord, previous: JobRecord | undefined): void
  /** A job's deletion finished: the job, its executions and its document are gone. */
  onJobDeleted?(job: JobRecord): void
}

/** reasonCode and comment the local cloud writes when abort criteria cancel a job; AWS's exact strings are not documented. */
export const ABORT_REASON_CODE = 'ABORT_CRITERIA_MET'

/** At most 10 jobs may be deleting at once (DeleteJob). */
export const MAX_JOBS_DELETING = 10

const MINUTE_MS = 60_000

/** A thing that joins a continuous job's groups gets a new execution unless its last one succeeded, was rejected or canceled. */
const RERUN_ON_JOIN: ReadonlySet<JobExecutionStatus> = new Set(['REMOVED', 'FAILED', 'TIMED_OUT'])

export class JobEngine {
  readonly index: JobIndex
  readonly #deadlines = new DeadlineQueue()
  readonly #listeners: JobEngineListener[] = []

  constructor(
    readonly store: Store<LocalCloudSchema>,
    readonly registry: Registry,
    readonly clock: Clock,
    private readonly onError: (error: unknown) => void = (error) => console.error(error),
  ) {
    this.index = new JobIndex(store)
    for (const execution of store.values('executions')) this.#scheduleDeadline(execution)
    registry.addMembershipListener({
      onMembershipChanged: (thingName, groupsBefore) =>
        this.#followMembership(thingName, groupsBefore),
    })
  }

  addListener(listener: JobEngineListener): void {
    this.#listeners.push(listener)
  }

  /** A listener's failure is logged; it must not undo or stop the engine's work. */
  #tell(call: (listener: JobEngineListener) => void): void {
    for (const listener of this.#listeners) {
      try {
        call(listener)
      } catch (error) {
        this.onError(error)
      }
    }
  }

  // Jobs

  getJob(jobId: string): JobRecord | undefined {
    return this.store.get('jobs', jobId)
  }

  requireJob(jobId: string): JobRecord {
    const job = this.getJob(jobId)
    if (job === undefined) throw resourceNotFound(`Job ${jobId} cannot be found.`)
    return job
  }

  putJob(job: JobRecord): void {
    const previous = this.getJob(job.jobId)
    this.store.put('jobs', job.jobId, job)
    this.#tell((listener) => listener.onJobChanged?.(job, previous))
  }

  jobDocument(jobId: string): string {
    return this.store.get('jobDocuments', jobId)?.document ?? '{}'
  }

  isRollingOut(job: JobRecord): boolean {
    const targets = this.store.get('jobTargets', job.jobId)?.thingNames.length ?? 0
    return (
      job.status === 'IN_PROGRESS' && job.rolloutStopped !== true && job.rolloutCursor < targets
    )
  }

  /** Moves a job through the shared lifecycle, or throws what the API answers for a refused move. */
  moveJob(
    job: JobRecord,
    to: JobRecord['status'],
    actor: JobActor,
    { force = false, changes = {} }: { force?: boolean; changes?: Partial<JobRecord> } = {},
  ): JobRecord {
    const result = transitionJob(job.status, { to, actor, force })
    if (!result.ok) throw invalidStateTransition(result.message)
    const now = this.clock.now()
    const finished = to === 'COMPLETED' || to === 'CANCELED'
    const moved: JobRecord = {
      ...job,
      ...changes,
      status: to,
      lastUpdatedAtMs: now,
      ...(finished ? { completedAtMs: now } : {}),
    }
    this.putJob(moved)
    return moved
  }

  cancelJob(
    jobId: string,
    options: { force: boolean; reasonCode?: string; comment?: string; actor?: JobActor },
  ): JobRecord {
    const job = this.requireJob(jobId)
    const actor = options.actor ?? 'operator'
    let canceled: JobRecord
    if (job.status === 'CANCELED' && options.force && job.forceCanceled !== true) {
      // Assumption (AWS documents no answer): a forced cancel of a job canceled
      // without force goes on to cancel the executions still in progress.
      canceled = { ...job, forceCanceled: true, lastUpdatedAtMs: this.clock.now() }
      this.putJob(canceled)
    } else {
      const result = transitionJob(job.status, { to: 'CANCELED', actor })
      // CancelJob models no InvalidStateTransitionException; AWS answers InvalidRequestException.
      if (!result.ok) throw invalidRequest(`Job ${jobId} is ${job.status} and cannot be canceled.`)
      canceled = this.moveJob(job, 'CANCELED', actor, {
        changes: {
          ...(options.force ? { forceCanceled: true } : {}),
          ...(options.reasonCode === undefined ? {} : { reasonCode: options.reasonCode }),
          ...(options.comment === undefined ? {} : { comment: options.comment }),
        },
      })
    }
    for (const execution of this.index.forJob(jobId)) {
      if (execution.status === 'QUEUED' || (options.force && execution.status === 'IN_PROGRESS')) {
        this.moveExecution(execution, 'CANCELED', { force: options.force })
      }
    }
    return canceled
  }

  deleteJob(jobId: string, force: boolean): void {
    const job = this.requireJob(jobId)
    const deleting = [...this.store.values('jobs')].filter(
      (other) => other.status === 'DELETION_IN_PROGRESS',
    ).length
    if (deleting >= MAX_JOBS_DELETING) {
      throw limitExceeded(
        `${MAX_JOBS_DELETING} jobs are already being deleted; try again when one is done.`,
      )
    }
    this.moveJob(job, 'DELETION_IN_PROGRESS', 'operator', { force })
  }

  // Executions

  /** Applies a status change checked by the shared transition function and returns the new record. */
  moveExecution(
    execution: JobExecutionRecord,
    to: JobExecutionStatus,
    options: {
      force?: boolean
      statusDetails?: Record<string, string>
      actor?: 'device' | 'service'
    } = {},
  ): JobExecutionRecord {
    const actor = options.actor ?? 'service'
    const result = transitionJobExecution(execution.status, {
      to,
      actor,
      force: options.force ?? false,
    })
    if (!result.ok) throw invalidStateTransition(result.message)
    const now = this.clock.now()
    const starting = execution.status === 'QUEUED' && to === 'IN_PROGRESS'
    const timeout = this.getJob(execution.jobId)?.timeoutConfig?.inProgressTimeoutInMinutes
    const next: JobExecutionRecord = {
      ...execution,
      status: to,
      ...(options.statusDetails === undefined ? {} : { statusDetails: options.statusDetails }),
      versionNumber: execution.versionNumber + 1,
      lastUpdatedAtMs: now,
      ...(starting ? { startedAtMs: now } : {}),
      ...(starting && timeout !== undefined
        ? { inProgressDeadlineMs: now + timeout * MINUTE_MS }
        : {}),
      ...(to === 'CANCELED' && options.force === true ? { forceCanceled: true } : {}),
    }
    this.#commitExecution(next, execution)
    return next
  }

  /** Stores an execution change and runs what follows from it: deadlines, retries, abort, completion, listeners. */
  #commitExecution(next: JobExecutionRecord, previous: JobExecutionRecord | undefined): void {
    this.index.put(next)
    this.#scheduleDeadline(next)
    this.#tell((listener) =>
      listener.onExecutionChanged?.({ execution: next, ...(previous ? { previous } : {}) }),
    )
    if (
      previous !== undefined &&
      !isTerminalJobExecutionStatus(previous.status) &&
      isTerminalJobExecutionStatus(next.status)
    ) {
      this.#afterTerminal(next)
    }
  }

  setStepDeadline(
    execution: JobExecutionRecord,
    stepTimeoutInMinutes: number | undefined,
  ): JobExecutionRecord {
    if (stepTimeoutInMinutes === undefined) return execution
    const { stepDeadlineMs: _cleared, ...rest } = execution
    const next: JobExecutionRecord =
      stepTimeoutInMinutes === -1
        ? rest
        : { ...rest, stepDeadlineMs: this.clock.now() + stepTimeoutInMinutes * MINUTE_MS }
    this.index.put(next)
    this.#scheduleDeadline(next)
    return next
  }

  /** The moment the execution times out: the earlier of its in-progress and step deadlines. */
  deadlineOf(execution: JobExecutionRecord): number | undefined {
    if (execution.status !== 'IN_PROGRESS') return undefined
    const deadlines = [execution.inProgressDeadlineMs, execution.stepDeadlineMs].filter(
      (at): at is number => at !== undefined,
    )
    return deadlines.length === 0 ? undefined : Math.min(...deadlines)
  }

  #scheduleDeadline(execution: JobExecutionRecord): void {
    const deadline = this.deadlineOf(execution)
    if (deadline !== undefined)
      this.#deadlines.push(
        deadline,
        `${execution.jobId}|${execution.thingName}|${execution.executionNumber}`,
      )
  }

  queueExecution(
    job: JobRecord,
    thingName: string,
    previous?: JobExecutionRecord,
    retryAfter?: 'FAILED' | 'TIMED_OUT',
  ): JobExecutionRecord {
    const now = this.clock.now()
    const execution: JobExecutionRecord = {
      jobId: job.jobId,
      thingName,
      status: 'QUEUED',
      statusDetails: {},
      executionNumber: (previous?.executionNumber ?? 0) + 1,
      versionNumber: 1,
      retryAttempt: retryAfter === undefined ? 0 : (previous?.retryAttempt ?? 0) + 1,
      // Retry counts carry over only from attempt to attempt; rejoining a group starts afresh.
      retriesAfterFailure:
        retryAfter === undefined
          ? 0
          : (previous?.retriesAfterFailure ?? 0) + (retryAfter === 'FAILED' ? 1 : 0),
      retriesAfterTimeout:
        retryAfter === undefined
          ? 0
          : (previous?.retriesAfterTimeout ?? 0) + (retryAfter === 'TIMED_OUT' ? 1 : 0),
      queuedAtMs: now,
      lastUpdatedAtMs: now,
    }
    this.#commitExecution(execution, undefined)
    return execution
  }

  #afterTerminal(execution: JobExecutionRecord): void {
    const job = this.getJob(execution.jobId)
    if (job === undefined) return
    if (
      execution.status === 'SUCCEEDED' &&
      job.jobExecutionsRolloutConfig?.exponentialRate !== undefined
    ) {
      this.putJob({ ...job, ...advanceRollout(job, job, { succeeded: 1 }) })
    }
    this.#maybeRetry(job, execution)
    this.#maybeAbort(execution.jobId)
    this.completeIfDone(execution.jobId)
  }

  #maybeRetry(job: JobRecord, execution: JobExecutionRecord): void {
    const cause = retryCause(job, execution)
    if (cause !== undefined) this.queueExecution(job, execution.thingName, execution, cause)
  }

  #maybeAbort(jobId: string): void {
    const job = this.getJob(jobId)
    const decision = job === undefined ? undefined : abortDecision(job, this.index.countsFor(jobId))
    if (decision === undefined) return
    // Abort cancels only QUEUED executions; devices mid-update carry on.
    this.cancelJob(jobId, {
      force: false,
      actor: 'service',
      reasonCode: ABORT_REASON_CODE,
      comment: `Canceled by abort criteria: ${decision.failureType} reached ${decision.percentage.toFixed(2)}% of ${decision.completed} completed executions (threshold ${decision.thresholdPercentage}%).`,
    })
  }

  /** Completes the job if nothing is left to do: SNAPSHOT jobs, and CONTINUOUS ones stopped by their schedule. */
  completeIfDone(jobId: string): void {
    const job = this.getJob(jobId)
    if (job === undefined || job.status !== 'IN_PROGRESS') return
    // A continuous job completes only when its schedule stops it (endTime with STOP_ROLLOUT).
    if (job.targetSelection === 'CONTINUOUS' && job.rolloutStopped !== true) return
    if (this.isRollingOut(job)) return
    const counts = this.index.countsFor(jobId)
    if (counts.QUEUED + counts.IN_PROGRESS > 0) return
    this.moveJob(job, 'COMPLETED', 'service')
  }

  // Continuous jobs follow group membership.

  #followMembership(thingName: string, groupsBefore: ReadonlySet<string>): void {
    const exists = this.registry.getThing(thingName) !== undefined
    for (const job of this.store.values('jobs')) {
      const following =
        job.targetSelection === 'CONTINUOUS' &&
        job.status === 'IN_PROGRESS' &&
        job.rolloutStopped !== true
      if (!following) continue
      const targeted = exists && this.isTargeted(job, thingName)
      const wasTargeted = targetsReach(job, thingName, groupsBefore)
      const latest = this.index.latest(job.jobId, thingName)
      if (targeted && !wasTargeted && (latest === undefined || RERUN_ON_JOIN.has(latest.status))) {
        // Joiners bypass the rollout rate, and a rejoin starts the retry count
        // afresh (developer guide, continuous jobs and retries).
        this.queueExecution(job, thingName, latest)
      } else if (
        !targeted &&
        latest !== undefined &&
        !isTerminalJobExecutionStatus(latest.status)
      ) {
        this.moveExecution(latest, 'REMOVED')
      }
    }
  }

  /** DeleteJobExecution: forgets the execution and rechecks whether its job is now complete. */
  deleteExecution(execution: JobExecutionRecord): void {
    this.index.delete(execution)
    this.#tell((listener) => listener.onExecutionDeleted?.(execution))
    this.completeIfDone(execution.jobId)
  }

  isTargeted(job: JobRecord, thingName: string): boolean {
    return targetsReach(job, thingName, this.registry.groupTreeOf(thingName))
  }

  // The tick: schedules, rollouts, timeouts, deletions.

  /** Does everything due by now. Returns true when something changed. */
  tick(): boolean {
    const now = this.clock.now()
    let changed = false
    for (const job of [...this.store.values('jobs')]) {
      // One job's failure must not stop the others, or the timeouts below.
      try {
        changed = this.#tickJob(job, now) || changed
      } catch (error) {
        this.onError(new Error(`The job engine failed on job ${job.jobId}.`, { cause: error }))
      }
    }
    for (const key of this.#deadlines.popDue(now)) {
      try {
        changed = this.#timeOut(key, now) || changed
      } catch (error) {
        this.onError(new Error(`The job engine failed to time out ${key}.`, { cause: error }))
      }
    }
    return changed
  }

  #tickJob(job: JobRecord, now: number): boolean {
    let changed = applySchedule(this, job, now)
    const current = this.getJob(job.jobId)
    if (current === undefined) return changed
    if (this.isRollingOut(current)) changed = rollOut(this, current, now) || changed
    if (current.status === 'DELETION_IN_PROGRESS') {
      this.#finishDeletion(current)
      return true
    }
    // A job whose rollout reached nobody (an empty group) completes here.
    if (current.status === 'IN_PROGRESS' && !this.isRollingOut(current)) {
      this.completeIfDone(current.jobId)
      changed = this.getJob(current.jobId)?.status !== current.status || changed
    }
    return changed
  }

  #timeOut(key: string, now: number): boolean {
    const [jobId = '', thingName = '', number = '0'] = key.split('|')
    const execution = this.index.get(jobId, thingName, Number(number))
    const deadline = execution === undefined ? undefined : this.deadlineOf(execution)
    if (execution === undefined || deadline === undefined || deadline > now) return false
    this.moveExecution(execution, 'TIMED_OUT')
    return true
  }

  #finishDeletion(job: JobRecord): void {
    for (const execution of this.index.forJob(job.jobId)) this.index.delete(execution)
    this.index.forgetJob(job.jobId)
    this.store.delete('jobTargets', job.jobId)
    this.store.delete('jobDocuments', job.jobId)
    this.store.delete('jobs', job.jobId)
    this.#tell((listener) => listener.onJobDeleted?.(job))
  }

  /** When the next piece of work falls due, so the runner can sleep until then. */
  nextDeadline(): number | undefined {
    return this.#deadlines.peek()
  }
}
