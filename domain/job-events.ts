import { z } from 'zod'
import { parseJobTargetArn } from './arn.ts'
import { identifierProblem, JOB_ID_RULE } from './identifiers.ts'
import { JOB_EXECUTION_STATUSES } from './job-execution-status.ts'
import { ValidationError, validateWith, type Validated } from './validation.ts'

/**
 * The AWS IoT Jobs events the dashboard listens to over MQTT, once
 * UpdateEventConfigurations has enabled JOB and JOB_EXECUTION
 * (https://docs.aws.amazon.com/iot/latest/developerguide/events-jobs.html):
 *
 * - `$aws/events/job/<jobId>/<operation>`: a job completed, is being or was
 *   canceled, is being or was deleted;
 * - `$aws/events/jobExecution/<jobId>/<operation>`: an execution reached a
 *   terminal status, or was deleted.
 *
 * They come from the network: delivered at least once, possibly duplicated
 * (same eventId) and in no guaranteed order. Parsing tolerates fields it does
 * not know (AWS adds fields) and rejects known fields of the wrong type.
 */
export const JOB_EVENT_OPERATIONS = [
  'completed',
  'canceled',
  'deleted',
  'cancellation_in_progress',
  'deletion_in_progress',
] as const

export type JobEventOperation = (typeof JOB_EVENT_OPERATIONS)[number]

export const JOB_EXECUTION_EVENT_OPERATIONS = [
  'succeeded',
  'failed',
  'rejected',
  'canceled',
  'timed_out',
  'removed',
  'deleted',
] as const

export type JobExecutionEventOperation = (typeof JOB_EXECUTION_EVENT_OPERATIONS)[number]

/** The job statuses a JOB event reports; DELETED and CANCELLATION_IN_PROGRESS exist only here. */
export const JOB_EVENT_STATUSES = [
  'COMPLETED',
  'CANCELED',
  'DELETED',
  'CANCELLATION_IN_PROGRESS',
  'DELETION_IN_PROGRESS',
] as const

const EVENTS_PREFIX = '$aws/events'

const textSchema = z.string().min(1)
const optionalText = z.string().nullish()
/** Epoch milliseconds for the job's own times, epoch seconds for `timestamp` (the guide's examples). */
const optionalTime = z.number().nullish()
const optionalCount = z.number().int().nonnegative().nullish()

const jobProcessDetailsSchema = z.object({
  numberOfCanceledThings: optionalCount,
  numberOfRejectedThings: optionalCount,
  numberOfFailedThings: optionalCount,
  numberOfRemovedThings: optionalCount,
  numberOfSucceededThings: optionalCount,
  numberOfTimedOutThings: optionalCount,
})

export const jobEventSchema = z.object({
  eventType: z.literal('JOB'),
  eventId: textSchema,
  timestamp: z.number(),
  operation: z.enum(JOB_EVENT_OPERATIONS),
  jobId: textSchema,
  status: z.enum(JOB_EVENT_STATUSES),
  targetSelection: optionalText,
  targets: z.array(z.string()).nullish(),
  description: optionalText,
  comment: optionalText,
  createdAt: optionalTime,
  lastUpdatedAt: optionalTime,
  completedAt: optionalTime,
  jobProcessDetails: jobProcessDetailsSchema.nullish(),
})

export const jobExecutionEventSchema = z
  .object({
    eventType: z.literal('JOB_EXECUTION'),
    eventId: textSchema,
    timestamp: z.number(),
    operation: z.enum(JOB_EXECUTION_EVENT_OPERATIONS),
    jobId: textSchema,
    thingArn: textSchema,
    status: z.enum(JOB_EXECUTION_STATUSES),
    // statusDetails is a string-to-string map (JobExecutionStatusDetails); absent when a device sent none.
    statusDetails: z
      .record(z.string(), z.string())
      .nullish()
      .transform((details): Readonly<Record<string, string>> => details ?? {}),
  })
  .transform((event, context) => {
    const thing = parseJobTargetArn(event.thingArn)
    if (thing?.kind !== 'thing') {
      context.addIssue({ code: 'custom', path: ['thingArn'], message: 'must be a thing ARN' })
      return z.NEVER
    }
    return { ...event, thingName: thing.name }
  })

/** A JOB event: the job completed, was canceled or deleted, or is on its way there. */
export type JobLifecycleEvent = z.output<typeof jobEventSchema>
/** A JOB_EXECUTION event: one thing's execution ended (or was deleted), with what the device reported. */
export type JobExecutionEvent = z.output<typeof jobExecutionEventSchema>
export type JobEvent = JobLifecycleEvent | JobExecutionEvent

export function parseJobEvent(payload: unknown): Validated<JobLifecycleEvent> {
  return validateWith(jobEventSchema, payload)
}

export function parseJobExecutionEvent(payload: unknown): Validated<JobExecutionEvent> {
  return validateWith(jobExecutionEventSchema, payload)
}

export type JobEventTopic =
  | { readonly eventType: 'JOB'; readonly jobId: string; readonly operation: JobEventOperation }
  | {
      readonly eventType: 'JOB_EXECUTION'
      readonly jobId: string
      readonly operation: JobExecutionEventOperation
    }

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value)

/** What a topic names, or undefined when it is not a job or job execution event topic. */
export function parseJobEventTopic(topic: string): JobEventTopic | undefined {
  const [aws, events, kind, jobId, operation, ...rest] = topic.split('/')
  if (`${aws}/${events}` !== EVENTS_PREFIX || rest.length > 0) return undefined
  if (jobId === undefined || operation === undefined) return undefined
  if (identifierProblem(JOB_ID_RULE, jobId) !== undefined) return undefined
  if (kind === 'job' && isOneOf(JOB_EVENT_OPERATIONS, operation))
    return { eventType: 'JOB', jobId, operation }
  if (kind === 'jobExecution' && isOneOf(JOB_EXECUTION_EVENT_OPERATIONS, operation))
    return { eventType: 'JOB_EXECUTION', jobId, operation }
  return undefined
}

/**
 * An event as received: the topic says which kind to expect, and the payload
 * must agree with it, so a message cannot reach another job's listeners.
 */
export function parseJobEventMessage(topic: string, payload: unknown): Validated<JobEvent> {
  const named = parseJobEventTopic(topic)
  if (named === undefined)
    return { ok: false, issues: [{ path: '', message: `${topic} is not a job event topic` }] }
  const parsed: Validated<JobEvent> =
    named.eventType === 'JOB' ? parseJobEvent(payload) : parseJobExecutionEvent(payload)
  if (!parsed.ok) return parsed
  const event = parsed.value
  if (
    event.eventType !== named.eventType ||
    event.jobId !== named.jobId ||
    event.operation !== named.operation
  ) {
    return {
      ok: false,
      issues: [{ path: '', message: `the payload does not match its topic ${topic}` }],
    }
  }
  return parsed
}

/** A job id in a topic must not carry MQTT's separators or wildcards; AWS's JobId pattern has none. */
function checkedJobId(jobId: string): string {
  const problem = identifierProblem(JOB_ID_RULE, jobId)
  if (problem !== undefined) throw new ValidationError([{ path: 'jobId', message: problem }])
  return jobId
}

export const jobEventTopic = (jobId: string, operation: JobEventOperation): string =>
  `${EVENTS_PREFIX}/job/${checkedJobId(jobId)}/${operation}`

export const jobExecutionEventTopic = (
  jobId: string,
  operation: JobExecutionEventOperation,
): string => `${EVENTS_PREFIX}/jobExecution/${checkedJobId(jobId)}/${operation}`

/** The two filters that receive every event of one job. */
export const jobEventFilters = (jobId: string): readonly [string, string] => [
  `${EVENTS_PREFIX}/job/${checkedJobId(jobId)}/#`,
  `${EVENTS_PREFIX}/jobExecution/${jobId}/#`,
]

/**
 * The two filters that receive every job's events, whichever job: for views
 * that watch the whole account (the wall display) rather than one job, so
 * the subscriptions do not change as jobs start and end. A shown job's
 * events and the failures of any job arrive on the same two filters, once.
 */
export const ALL_JOB_EVENT_FILTERS: readonly [string, string] = [
  `${EVENTS_PREFIX}/job/#`,
  `${EVENTS_PREFIX}/jobExecution/#`,
]
