/**
 * The job execution lifecycle, shared by the local cloud (to validate
 * UpdateJobExecution and its own moves), the simulator (to step devices) and
 * the dashboard (to offer only actions that can succeed).
 * Source: AWS IoT developer guide, "Jobs and job execution states", and the
 * UpdateJobExecution / CancelJobExecution API references.
 */
export const JOB_EXECUTION_STATUSES = [
  'QUEUED',
  'IN_PROGRESS',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'REJECTED',
  'REMOVED',
  'CANCELED',
] as const

export type JobExecutionStatus = (typeof JOB_EXECUTION_STATUSES)[number]

/**
 * Who moves an execution: the device through the Jobs device APIs, or the
 * service (rollout, timers, retries, and operators' cancel calls).
 */
export type JobExecutionActor = 'device' | 'service'

export const TERMINAL_JOB_EXECUTION_STATUSES: ReadonlySet<JobExecutionStatus> = new Set([
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'REJECTED',
  'REMOVED',
  'CANCELED',
])

/** The only statuses UpdateJobExecution accepts from a device. */
export const DEVICE_SETTABLE_STATUSES: ReadonlySet<JobExecutionStatus> = new Set([
  'IN_PROGRESS',
  'SUCCEEDED',
  'FAILED',
  'REJECTED',
])

/** FAILED and TIMED_OUT may be retried by a retry configuration; REJECTED never is. */
export const RETRYABLE_JOB_EXECUTION_STATUSES: ReadonlySet<JobExecutionStatus> = new Set([
  'FAILED',
  'TIMED_OUT',
])

export function isJobExecutionStatus(value: unknown): value is JobExecutionStatus {
  return typeof value === 'string' && (JOB_EXECUTION_STATUSES as readonly string[]).includes(value)
}

export function isTerminalJobExecutionStatus(status: JobExecutionStatus): boolean {
  return TERMINAL_JOB_EXECUTION_STATUSES.has(status)
}

/** Why a move happens, for events, logs and the wording of dashboard actions. */
export type JobExecutionMove =
  'start' | 'progress' | 'finish' | 'cancel' | 'force-cancel' | 'time-out' | 'remove' | 'retry'

interface Rule {
  readonly actor: JobExecutionActor
  readonly from: readonly JobExecutionStatus[]
  readonly to: JobExecutionStatus
  readonly move: JobExecutionMove
  readonly requiresForce?: boolean
}

const RULES: readonly Rule[] = [
  // A device may start, report progress on, or finish anything not yet terminal,
  // including skipping IN_PROGRESS (REJECTED straight from QUEUED is how a
  // device refuses a job it will not run).
  { actor: 'device', from: ['QUEUED'], to: 'IN_PROGRESS', move: 'start' },
  { actor: 'device', from: ['IN_PROGRESS'], to: 'IN_PROGRESS', move: 'progress' },
  { actor: 'device', from: ['QUEUED', 'IN_PROGRESS'], to: 'SUCCEEDED', move: 'finish' },
  { actor: 'device', from: ['QUEUED', 'IN_PROGRESS'], to: 'FAILED', move: 'finish' },
  { actor: 'device', from: ['QUEUED', 'IN_PROGRESS'], to: 'REJECTED', move: 'finish' },
  // CancelJob / CancelJobExecution / abort criteria: without force only QUEUED executions.
  { actor: 'service', from: ['QUEUED'], to: 'CANCELED', move: 'cancel' },
  {
    actor: 'service',
    from: ['IN_PROGRESS'],
    to: 'CANCELED',
    move: 'force-cancel',
    requiresForce: true,
  },
  // The in-progress and step timers run only once the device has started.
  { actor: 'service', from: ['IN_PROGRESS'], to: 'TIMED_OUT', move: 'time-out' },
  // The thing left the target (a continuous job's group, a dynamic group's query).
  { actor: 'service', from: ['QUEUED', 'IN_PROGRESS'], to: 'REMOVED', move: 'remove' },
  // A retry configuration queues the execution again with retryAttempt + 1.
  { actor: 'service', from: ['FAILED', 'TIMED_OUT'], to: 'QUEUED', move: 'retry' },
]

export interface JobExecutionTransitionRequest {
  readonly to: JobExecutionStatus
  readonly actor: JobExecutionActor
  /** CancelJob / CancelJobExecution with force=true. */
  readonly force?: boolean
}

/**
 * Refusals use the codes of the Jobs MQTT API (the HTTPS planes map them to
 * InvalidRequestException and InvalidStateTransitionException).
 */
export type JobExecutionTransition =
  | {
      readonly ok: true
      readonly from: JobExecutionStatus
      readonly to: JobExecutionStatus
      readonly move: JobExecutionMove
    }
  | {
      readonly ok: false
      readonly code: 'InvalidRequest' | 'InvalidStateTransition'
      readonly message: string
    }

export function transitionJobExecution(
  from: JobExecutionStatus,
  request: JobExecutionTransitionRequest,
): JobExecutionTransition {
  const { to, actor, force = false } = request
  if (actor === 'device' && !DEVICE_SETTABLE_STATUSES.has(to)) {
    return {
      ok: false,
      code: 'InvalidRequest',
      message: `A device may set only IN_PROGRESS, SUCCEEDED, FAILED or REJECTED, not ${to}.`,
    }
  }
  const rule = RULES.find(
    (candidate) =>
      candidate.actor === actor && candidate.to === to && candidate.from.includes(from),
  )
  if (rule === undefined) {
    const why = isTerminalJobExecutionStatus(from) ? ` ${from} is a terminal status.` : ''
    return {
      ok: false,
      code: 'InvalidStateTransition',
      message: `A job execution cannot move from ${from} to ${to} by the ${actor}.${why}`,
    }
  }
  if (rule.requiresForce === true && !force) {
    return {
      ok: false,
      code: 'InvalidStateTransition',
      message: `A job execution that is ${from} can be canceled only with force, which stops the device mid-update.`,
    }
  }
  return { ok: true, from, to, move: rule.move }
}

/** What cancelling an execution in `status` takes: the dashboard offers cancel, force-cancel, or nothing. */
export function cancellationOf(status: JobExecutionStatus): 'cancel' | 'force-cancel' | 'none' {
  if (transitionJobExecution(status, { to: 'CANCELED', actor: 'service' }).ok) return 'cancel'
  if (transitionJobExecution(status, { to: 'CANCELED', actor: 'service', force: true }).ok)
    return 'force-cancel'
  return 'none'
}
