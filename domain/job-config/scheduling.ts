import { z } from 'zod'
import { integerInRange } from '../number-rules.ts'
import { validateWith, type Validated, type ValidationIssue } from '../validation.ts'

/**
 * SchedulingConfig (CreateJob). Times are strings "YYYY-MM-DDTHH:MM" (seconds
 * and a trailing Z are accepted) read as UTC. AWS's rules, checked against an
 * injected `now`:
 * - startTime at least 30 minutes and at most one year ahead;
 * - endTime at most two years ahead, at least 30 minutes ahead and at least
 *   30 minutes after startTime (AWS's "at most two years after the start"
 *   follows from the first two rules);
 * - endBehavior applies only with an endTime;
 * - maintenance windows start on a cron expression (at most 256 characters)
 *   and last 1 to 1430 minutes.
 */
export const END_BEHAVIORS = ['STOP_ROLLOUT', 'CANCEL', 'FORCE_CANCEL'] as const
export const MIN_SCHEDULE_LEAD_MINUTES = 30
export const MAX_MAINTENANCE_WINDOW_MINUTES = 1430

const MINUTE_MS = 60_000
const SCHEDULING_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?Z?$/
// cron(minutes hours day-of-month month day-of-week year), as EventBridge writes it.
const CRON_EXPRESSION = /^cron\([0-9A-Za-z*?,/#-]+(?: [0-9A-Za-z*?,/#-]+){5}\)$/

/** Milliseconds since the epoch for a scheduling time, or undefined if it is not one (including impossible dates such as 2026-02-30). */
export function parseSchedulingTime(text: string): number | undefined {
  const match = SCHEDULING_TIME.exec(text)
  if (match === null) return undefined
  const [year, month, day, hour, minute, second = 0] = match
    .slice(1)
    .map((part) => Number(part ?? 0))
  const ms = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 0, hour ?? 0, minute ?? 0, second)
  const date = new Date(ms)
  const roundTrips =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() + 1 === month &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute
  return roundTrips ? ms : undefined
}

export function formatSchedulingTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16)
}

function addUtcYears(ms: number, years: number): number {
  const date = new Date(ms)
  date.setUTCFullYear(date.getUTCFullYear() + years)
  return date.getTime()
}

const schedulingTimeSchema = (label: string) =>
  z
    .string({ error: `${label} must be a date and time.` })
    .max(64, { error: `${label} must be at most 64 characters.` })
    .refine((text) => parseSchedulingTime(text) !== undefined, {
      error: `${label} must be a UTC date and time written YYYY-MM-DDTHH:MM, such as 2027-03-01T02:00.`,
    })

export const maintenanceWindowSchema = z.strictObject({
  startTime: z
    .string({ error: 'A maintenance window needs a start.' })
    .max(256, { error: 'A maintenance window start must be at most 256 characters.' })
    .regex(CRON_EXPRESSION, {
      error:
        'A maintenance window starts on a cron expression with six fields, such as cron(0 2 ? * SAT *) (minutes hours day-of-month month day-of-week year).',
    }),
  durationInMinutes: integerInRange(
    'Maintenance window duration (minutes)',
    1,
    MAX_MAINTENANCE_WINDOW_MINUTES,
  ),
})

export interface SchedulingContext {
  /** The current time in milliseconds since the epoch. */
  readonly nowMs: number
}

/** The shape and formats of a SchedulingConfig; the rules that depend on the current time are in `schedulingTimeIssues`. */
export const schedulingConfigSchema = z
  .strictObject({
    startTime: schedulingTimeSchema('Start time').optional(),
    endTime: schedulingTimeSchema('End time').optional(),
    endBehavior: z
      .enum(END_BEHAVIORS, { error: `End behavior must be one of ${END_BEHAVIORS.join(', ')}.` })
      .optional(),
    maintenanceWindows: z.array(maintenanceWindowSchema).optional(),
  })
  .refine((config) => config.endBehavior === undefined || config.endTime !== undefined, {
    error: 'End behavior applies only when the job has an end time.',
    path: ['endBehavior'],
  })

export type SchedulingConfig = z.output<typeof schedulingConfigSchema>

/** AWS's rules relating startTime and endTime to each other and to `now`. */
export function schedulingTimeIssues(
  config: SchedulingConfig,
  { nowMs }: SchedulingContext,
): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const problem = (path: string, message: string) => issues.push({ path, message })
  const earliest = nowMs + MIN_SCHEDULE_LEAD_MINUTES * MINUTE_MS
  const start = config.startTime === undefined ? undefined : parseSchedulingTime(config.startTime)
  const end = config.endTime === undefined ? undefined : parseSchedulingTime(config.endTime)

  if (start !== undefined) {
    if (start < earliest) problem('startTime', 'Start time must be at least 30 minutes from now.')
    if (start > addUtcYears(nowMs, 1))
      problem('startTime', 'Start time must be at most one year from now.')
  }
  if (end !== undefined) {
    if (end < earliest) problem('endTime', 'End time must be at least 30 minutes from now.')
    if (end > addUtcYears(nowMs, 2))
      problem('endTime', 'End time must be at most two years from now.')
    if (start !== undefined && end < start + MIN_SCHEDULE_LEAD_MINUTES * MINUTE_MS) {
      problem('endTime', 'End time must be at least 30 minutes after the start time.')
    }
  }
  return issues
}

export function validateSchedulingConfig(
  input: unknown,
  context: SchedulingContext,
): Validated<SchedulingConfig> {
  const result = validateWith(schedulingConfigSchema, input)
  if (!result.ok) return result
  const issues = schedulingTimeIssues(result.value, context)
  return issues.length > 0 ? { ok: false, issues } : result
}
