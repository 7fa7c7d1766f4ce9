import {
  isWithinCronWindow,
  nextCronTimes,
  parseCron,
  type CronSchedule,
} from '../../domain/cron.ts'

/** Maintenance windows gate a scheduled job's rollout; parsed schedules are cached by expression. */
const schedules = new Map<string, CronSchedule>()

function scheduleOf(expression: string): CronSchedule {
  let schedule = schedules.get(expression)
  if (schedule === undefined) schedules.set(expression, (schedule = parseCron(expression)))
  return schedule
}

export interface MaintenanceWindow {
  readonly startTime: string
  readonly durationInMinutes: number
}

export function isInMaintenanceWindow(window: MaintenanceWindow, nowMs: number): boolean {
  return isWithinCronWindow(scheduleOf(window.startTime), window.durationInMinutes, nowMs)
}

/** DescribeJob's scheduledJobRollouts: the next seven window starts across all windows. */
export function nextWindowStarts(
  windows: readonly MaintenanceWindow[],
  nowMs: number,
  count = 7,
): number[] {
  return windows
    .flatMap((window) => nextCronTimes(scheduleOf(window.startTime), nowMs, count))
    .sort((a, b) => a - b)
    .slice(0, count)
}
