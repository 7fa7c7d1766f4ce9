import { parseJobTargetArn } from '../../domain/arn.ts'
import { isTerminalJobExecutionStatus } from '../../domain/job-execution-status.ts'
import { parseSchedulingTime } from '../../domain/job-config/scheduling.ts'
import type { JobRecord } from '../state/records.ts'
import type { JobEngine } from './job-engine.ts'
import { isInMaintenanceWindow } from './maintenance-window.ts'
import { advanceRollout, rolloutAllowance } from './rollout.ts'

/**
 * The engine's timed work on one job: its schedule (startTime, maintenance
 * windows, endTime and endBehavior) and its rollout at the configured rate.
 */
/** Start, pause (between maintenance windows) and end (endBehavior) as the job's schedule says. */
export function applySchedule(engine: JobEngine, job: JobRecord, now: number): boolean {
  const scheduling = job.schedulingConfig
  if (scheduling === undefined || (job.status !== 'SCHEDULED' && job.status !== 'IN_PROGRESS'))
    return false
  const end = scheduling.endTime === undefined ? undefined : parseSchedulingTime(scheduling.endTime)
  if (end !== undefined && now >= end && job.rolloutStopped !== true) {
    const behavior = scheduling.endBehavior ?? 'STOP_ROLLOUT'
    if (behavior === 'STOP_ROLLOUT') {
      if (job.status === 'SCHEDULED') {
        engine.moveJob(job, 'IN_PROGRESS', 'service', { changes: { rolloutStopped: true } })
      } else {
        engine.putJob({ ...job, rolloutStopped: true, lastUpdatedAtMs: now })
      }
      engine.completeIfDone(job.jobId)
    } else {
      engine.cancelJob(job.jobId, { force: behavior === 'FORCE_CANCEL', actor: 'service' })
    }
    return true
  }
  const start =
    scheduling.startTime === undefined ? undefined : parseSchedulingTime(scheduling.startTime)
  const started = start === undefined || now >= start
  const windows = scheduling.maintenanceWindows ?? []
  const open =
    started &&
    (windows.length === 0 || windows.some((window) => isInMaintenanceWindow(window, now)))
  if (job.status === 'SCHEDULED' && open) {
    if (job.targetSelection === 'CONTINUOUS') addNewlyTargetedThings(engine, job)
    engine.moveJob(job, 'IN_PROGRESS', 'service', {
      changes: {
        rolloutStartedAtMs: job.rolloutStartedAtMs ?? now,
        rolloutWindowStartMs: now,
        rolloutWindowCount: 0,
      },
    })
    return true
  }
  if (job.status === 'IN_PROGRESS' && !open && engine.isRollingOut(job)) {
    engine.moveJob(job, 'SCHEDULED', 'service')
    return true
  }
  return false
}

/** Queues as many executions as the rollout rate allows now. */
export function rollOut(engine: JobEngine, job: JobRecord, now: number): boolean {
  const targets = engine.store.get('jobTargets', job.jobId)?.thingNames ?? []
  const allowance = rolloutAllowance(job, now)
  const { allowed } = allowance
  if (allowed === 0) {
    const window = allowance.settle(0)
    if (window.rolloutWindowStartMs !== job.rolloutWindowStartMs)
      engine.putJob({ ...job, ...window })
    return false
  }
  let cursor = job.rolloutCursor
  let notified = 0
  while (cursor < targets.length && notified < allowed) {
    const thingName = targets[cursor] ?? ''
    cursor += 1
    // A thing deleted after the job was created gets no execution.
    if (engine.registry.getThing(thingName) === undefined) continue
    const latest = engine.index.latest(job.jobId, thingName)
    if (latest !== undefined && !isTerminalJobExecutionStatus(latest.status)) continue
    if (latest !== undefined && latest.status !== 'REMOVED') continue
    // A continuous job follows membership: a thing that left before its turn is skipped.
    if (job.targetSelection === 'CONTINUOUS' && !engine.isTargeted(job, thingName)) continue
    engine.queueExecution(job, thingName, latest)
    notified += 1
  }
  const current = engine.getJob(job.jobId) ?? job
  engine.putJob({
    ...current,
    ...advanceRollout(current, { ...current, ...allowance.settle(notified) }, { notified }),
    rolloutCursor: cursor,
  })
  engine.completeIfDone(job.jobId)
  return true
}

/** A continuous job about to roll out again reaches things that joined its groups while it waited. */
function addNewlyTargetedThings(engine: JobEngine, job: JobRecord): void {
  const stored = engine.store.get('jobTargets', job.jobId)
  const known = new Set(stored?.thingNames ?? [])
  const joined = job.targets
    .flatMap((arn) => {
      const target = parseJobTargetArn(arn)
      if (target === undefined) return []
      return target.kind === 'thing'
        ? [target.name]
        : engine.registry.thingsInGroup(target.name, true)
    })
    .filter(
      (thingName) => !known.has(thingName) && engine.registry.getThing(thingName) !== undefined,
    )
  if (joined.length > 0) {
    engine.store.put('jobTargets', job.jobId, {
      jobId: job.jobId,
      thingNames: [...(stored?.thingNames ?? []), ...new Set(joined)],
    })
  }
}
