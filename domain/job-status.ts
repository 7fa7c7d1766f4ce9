/**
 * The job lifecycle (AWS IoT developer guide, "Jobs and job execution states";
 * CancelJob and DeleteJob API references). Which jobs complete is the engine's
 * decision (a SNAPSHOT job once every execution is terminal; a CONTINUOUS one
 * only at its scheduled end); this module says which moves are legal at all.
 */
export const JOB_STATUSES = [
  'SCHEDULED',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELED',
  'DELETION_IN_PROGRESS',
] as const

export type JobStatus = (typeof JOB_STATUSES)[number]

/** `operator` is an API call (CancelJob, DeleteJob); `service` is the job engine acting on its own. */
export type JobActor = 'operator' | 'service'

export type JobMove = 'start' | 'pause' | 'complete' | 'cancel' | 'delete' | 'force-delete'

export function isJobStatus(value: unknown): value is JobStatus {
  return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value)
}

/** A job that will never roll out or change again. */
export function isFinishedJobStatus(status: JobStatus): boolean {
  return status === 'COMPLETED' || status === 'CANCELED' || status === 'DELETION_IN_PROGRESS'
}

interface Rule {
  readonly actor: JobActor
  readonly from: readonly JobStatus[]
  readonly to: JobStatus
  readonly move: JobMove
  readonly requiresForce?: boolean
}

const RULES: readonly Rule[] = [
  // startTime reached, or a maintenance window opened.
  { actor: 'service', from: ['SCHEDULED'], to: 'IN_PROGRESS', move: 'start' },
  // A maintenance window closed: rollout pauses until the next one.
  { actor: 'service', from: ['IN_PROGRESS'], to: 'SCHEDULED', move: 'pause' },
  { actor: 'service', from: ['IN_PROGRESS'], to: 'COMPLETED', move: 'complete' },
  // Abort criteria met, endBehavior CANCEL/FORCE_CANCEL, or a scheduled start at the concurrency limit.
  { actor: 'service', from: ['SCHEDULED', 'IN_PROGRESS'], to: 'CANCELED', move: 'cancel' },
  { actor: 'operator', from: ['SCHEDULED', 'IN_PROGRESS'], to: 'CANCELED', move: 'cancel' },
  {
    actor: 'operator',
    from: ['COMPLETED', 'CANCELED'],
    to: 'DELETION_IN_PROGRESS',
    move: 'delete',
  },
  {
    actor: 'operator',
    from: ['SCHEDULED', 'IN_PROGRESS'],
    to: 'DELETION_IN_PROGRESS',
    move: 'force-delete',
    requiresForce: true,
  },
]

export interface JobTransitionRequest {
  readonly to: JobStatus
  readonly actor: JobActor
  /** DeleteJob with force=true. */
  readonly force?: boolean
}

export type JobTransition =
  | { readonly ok: true; readonly from: JobStatus; readonly to: JobStatus; readonly move: JobMove }
  | { readonly ok: false; readonly code: 'InvalidStateTransition'; readonly message: string }

export function transitionJob(from: JobStatus, request: JobTransitionRequest): JobTransition {
  const { to, actor, force = false } = request
  if (from === 'DELETION_IN_PROGRESS') {
    return {
      ok: false,
      code: 'InvalidStateTransition',
      message: 'The job is already being deleted.',
    }
  }
  const rule = RULES.find(
    (candidate) =>
      candidate.actor === actor && candidate.to === to && candidate.from.includes(from),
  )
  if (rule === undefined) {
    return {
      ok: false,
      code: 'InvalidStateTransition',
      message: `A job cannot move from ${from} to ${to} by the ${actor}.`,
    }
  }
  if (rule.requiresForce === true && !force) {
    return {
      ok: false,
      code: 'InvalidStateTransition',
      message: `A job that is ${from} can be deleted only with force, which also deletes executions devices are running.`,
    }
  }
  return { ok: true, from, to, move: rule.move }
}
