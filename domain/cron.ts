/**
 * EventBridge-style cron expressions, as AWS IoT job maintenance windows use
 * them: `cron(minutes hours day-of-month month day-of-week year)`, evaluated
 * in UTC. Supported: numbers, `*`, `?`, lists (`,`), ranges (`-`), steps
 * (`/`), month names (JAN–DEC) and day names (SUN–SAT, 1 = Sunday). The
 * `L`, `W` and `#` forms are refused with a clear message rather than guessed.
 */
export interface CronSchedule {
  readonly minutes: ReadonlySet<number>
  readonly hours: ReadonlySet<number>
  readonly daysOfMonth?: ReadonlySet<number>
  readonly months: ReadonlySet<number>
  readonly daysOfWeek?: ReadonlySet<number>
  readonly years: ReadonlySet<number>
}

export class CronSyntaxError extends Error {
  override readonly name = 'CronSyntaxError'
}

interface FieldSpec {
  readonly label: string
  readonly min: number
  readonly max: number
  readonly names?: readonly string[]
}

const FIELDS: readonly FieldSpec[] = [
  { label: 'minutes', min: 0, max: 59 },
  { label: 'hours', min: 0, max: 23 },
  { label: 'day-of-month', min: 1, max: 31 },
  {
    label: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  {
    label: 'day-of-week',
    min: 1,
    max: 7,
    names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
  },
  { label: 'year', min: 1970, max: 2199 },
]

function value(text: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1
  const number = named >= 0 ? named + spec.min : /^\d+$/.test(text) ? Number(text) : NaN
  if (!Number.isInteger(number) || number < spec.min || number > spec.max) {
    throw new CronSyntaxError(`"${text}" is not a valid ${spec.label} (${spec.min}–${spec.max}).`)
  }
  return number
}

function parseField(text: string, spec: FieldSpec): Set<number> | undefined {
  if (text === '?') return undefined
  if (
    /[LW#]/i.test(
      text.replace(/[A-Z]{3}/gi, (name) => (spec.names?.includes(name.toUpperCase()) ? '0' : name)),
    )
  ) {
    throw new CronSyntaxError(
      `The ${spec.label} field "${text}" uses L, W or #, which Fleetdeck does not evaluate.`,
    )
  }
  const result = new Set<number>()
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/')
    const step = stepText === undefined ? 1 : Number(stepText)
    if (!Number.isInteger(step) || step < 1)
      throw new CronSyntaxError(`"${part}" has an invalid step.`)
    let from: number
    let to: number
    if (range === '*') {
      from = spec.min
      to = spec.max
    } else if (range.includes('-')) {
      const [low = '', high = ''] = range.split('-')
      from = value(low, spec)
      to = value(high, spec)
    } else {
      from = value(range, spec)
      to = stepText === undefined ? from : spec.max
    }
    if (from > to) throw new CronSyntaxError(`"${part}" runs backwards.`)
    for (let item = from; item <= to; item += step) result.add(item)
  }
  return result
}

export function parseCron(expression: string): CronSchedule {
  const match = /^cron\((.*)\)$/.exec(expression.trim())
  const fields = match?.[1]?.trim().split(/\s+/) ?? []
  if (fields.length !== 6) {
    throw new CronSyntaxError(
      'A cron expression has six fields: cron(minutes hours day-of-month month day-of-week year).',
    )
  }
  const [minutes, hours, daysOfMonth, months, daysOfWeek, years] = fields.map((field, index) =>
    parseField(field, FIELDS[index] as FieldSpec),
  )
  if ((daysOfMonth === undefined) === (daysOfWeek === undefined)) {
    throw new CronSyntaxError('Give either day-of-month or day-of-week, and "?" for the other.')
  }
  for (const [label, field] of [
    ['minutes', minutes],
    ['hours', hours],
    ['month', months],
    ['year', years],
  ] as const) {
    if (field === undefined)
      throw new CronSyntaxError(`"?" is allowed only in day-of-month or day-of-week, not ${label}.`)
  }
  return {
    minutes: minutes ?? new Set(),
    hours: hours ?? new Set(),
    ...(daysOfMonth === undefined ? {} : { daysOfMonth }),
    months: months ?? new Set(),
    ...(daysOfWeek === undefined ? {} : { daysOfWeek }),
    years: years ?? new Set(),
  }
}

function dayMatches(schedule: CronSchedule, date: Date): boolean {
  if (schedule.daysOfMonth !== undefined) return schedule.daysOfMonth.has(date.getUTCDate())
  return schedule.daysOfWeek?.has(date.getUTCDay() + 1) ?? false
}

/** Whether the schedule fires at the minute containing `ms`. */
export function cronMatches(schedule: CronSchedule, ms: number): boolean {
  const date = new Date(ms)
  return (
    schedule.minutes.has(date.getUTCMinutes()) &&
    schedule.hours.has(date.getUTCHours()) &&
    schedule.months.has(date.getUTCMonth() + 1) &&
    schedule.years.has(date.getUTCFullYear()) &&
    dayMatches(schedule, date)
  )
}

const MINUTE_MS = 60_000
const DAY_MS = 24 * 60 * MINUTE_MS

/** The next `count` firing times at or after `fromMs`, searching at most `horizonDays` ahead. */
export function nextCronTimes(
  schedule: CronSchedule,
  fromMs: number,
  count: number,
  horizonDays = 366 * 2,
): number[] {
  const times: number[] = []
  const firstMinute = Math.ceil(fromMs / MINUTE_MS) * MINUTE_MS
  const startOfDay = Math.floor(firstMinute / DAY_MS) * DAY_MS
  const hours = [...schedule.hours].sort((a, b) => a - b)
  const minutes = [...schedule.minutes].sort((a, b) => a - b)
  for (
    let day = startOfDay;
    day < startOfDay + horizonDays * DAY_MS && times.length < count;
    day += DAY_MS
  ) {
    const date = new Date(day)
    if (
      !schedule.years.has(date.getUTCFullYear()) ||
      !schedule.months.has(date.getUTCMonth() + 1) ||
      !dayMatches(schedule, date)
    )
      continue
    for (const hour of hours) {
      for (const minute of minutes) {
        const at = day + hour * 3_600_000 + minute * MINUTE_MS
        if (at >= firstMinute && times.length < count) times.push(at)
      }
    }
  }
  return times
}

/** Whether a window starting on the schedule and lasting `durationInMinutes` is open at `ms`. */
export function isWithinCronWindow(
  schedule: CronSchedule,
  durationInMinutes: number,
  ms: number,
): boolean {
  const minute = Math.floor(ms / MINUTE_MS) * MINUTE_MS
  for (let back = 0; back < durationInMinutes; back += 1) {
    if (cronMatches(schedule, minute - back * MINUTE_MS)) return true
  }
  return false
}
