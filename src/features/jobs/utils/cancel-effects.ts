import type { ExecutionCounts } from '@domain/job-monitoring/execution-counts.ts'

/**
 * What a cancel does, in numbers, for the confirmation. CancelJob without
 * force cancels only QUEUED executions: a device that has started keeps
 * going and its execution ends as the device reports it. With force, the
 * IN_PROGRESS executions become CANCELED as well, but AWS does not reach
 * into the device: one mid-download or mid-install carries on, reboots,
 * and its later updates are refused because the execution is already
 * terminal, so it may end up on either version.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_CancelJob.html
 * https://docs.aws.amazon.com/iot/latest/developerguide/iot-jobs-lifecycle.html
 */
const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`

export const FORCE_CANCEL_RISK =
  'AWS does not stop a device that is mid-update: it keeps downloading, installing or rebooting, and its later status updates are refused because the execution is already CANCELED. Such a device may end up on either version and should be checked. Use force only for devices that are stuck.'

export function cancelJobEffects(counts: ExecutionCounts, force: boolean): string[] {
  const queued = counts.QUEUED
  const inProgress = counts.IN_PROGRESS
  const effects = [
    queued === 0
      ? 'No execution is queued now.'
      : `${plural(queued, 'queued execution', 'queued executions')} will be canceled: those devices never start the job.`,
  ]
  if (inProgress > 0) {
    effects.push(
      force
        ? `${plural(inProgress, 'execution in progress', 'executions in progress')} will be marked CANCELED.`
        : `${plural(inProgress, 'device in progress', 'devices in progress')} will finish: without force AWS lets a started execution run to its end.`,
    )
  }
  effects.push(
    'Devices the rollout has not reached yet get no execution, and finished executions keep their status.',
  )
  return effects
}

/** What canceling one execution does; IN_PROGRESS needs force, with FORCE_CANCEL_RISK beside it. */
export function cancelExecutionEffect(thingName: string, status: string): string {
  return status === 'IN_PROGRESS'
    ? `The execution on ${thingName} is in progress: force-canceling marks it CANCELED.`
    : `The queued execution on ${thingName} will be canceled: the device never starts it.`
}
