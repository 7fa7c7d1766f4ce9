import { describe, expect, it } from 'vitest'
import {
  ALL_JOB_EVENT_FILTERS,
  jobEventFilters,
  jobEventTopic,
  jobExecutionEventTopic,
  parseJobEvent,
  parseJobEventMessage,
  parseJobEventTopic,
  parseJobExecutionEvent,
} from './job-events.ts'
import { ValidationError } from './validation.ts'

/** The payloads as the developer guide shows them (events-jobs.html), with Fleetdeck's names. */
const executionEvent = {
  eventType: 'JOB_EXECUTION',
  eventId: '7364ffd1-8b65-4824-85d5-6c14686c97c6',
  timestamp: 1_795_000_000,
  operation: 'failed',
  jobId: 'fw-2',
  thingArn: 'arn:aws:iot:us-east-1:000000000000:thing/lamp-0001',
  status: 'FAILED',
  statusDetails: { step: 'verify', reason: 'boot-failed-rolled-back', downloadMs: '1200' },
}

const jobEvent = {
  eventType: 'JOB',
  eventId: '27450507-bf6f-4012-92af-bb8a1c8c4484',
  timestamp: 1_795_000_000,
  operation: 'completed',
  jobId: 'fw-2',
  status: 'COMPLETED',
  targetSelection: 'SNAPSHOT',
  targets: ['arn:aws:iot:us-east-1:000000000000:thinggroup/model-lamp-v2'],
  description: 'Lamp firmware 2.0',
  completedAt: 1_795_000_000_123,
  createdAt: 1_794_999_000_123,
  lastUpdatedAt: 1_795_000_000_123,
  jobProcessDetails: {
    numberOfCanceledThings: 0,
    numberOfRejectedThings: 1,
    numberOfFailedThings: 2,
    numberOfRemovedThings: 0,
    numberOfSucceededThings: 97,
    numberOfTimedOutThings: 0,
  },
}

const issuesOf = (result: { ok: boolean; issues?: readonly { path: string }[] }) =>
  result.ok ? [] : (result.issues ?? []).map((issue) => issue.path)

describe('parseJobExecutionEvent', () => {
  it('reads the event and names the thing from its ARN', () => {
    expect(parseJobExecutionEvent(executionEvent)).toEqual({
      ok: true,
      value: { ...executionEvent, thingName: 'lamp-0001' },
    })
  })

  it('tolerates fields it does not know and drops them', () => {
    const result = parseJobExecutionEvent({ ...executionEvent, versionNumber: 4, extra: { a: 1 } })
    expect(result.ok && result.value).not.toHaveProperty('extra')
    expect(result.ok && result.value.thingName).toBe('lamp-0001')
  })

  it('reads missing or null statusDetails as none', () => {
    const { statusDetails: _omitted, ...bare } = executionEvent
    for (const payload of [bare, { ...bare, statusDetails: null }]) {
      const result = parseJobExecutionEvent(payload)
      expect(result.ok && result.value.statusDetails).toEqual({})
    }
  })

  it.each([
    ['eventId', { eventId: 7 }],
    ['eventId', { eventId: '' }],
    ['timestamp', { timestamp: '1795000000' }],
    ['status', { status: 'DONE' }],
    ['operation', { operation: 'started' }],
    ['thingArn', { thingArn: 'arn:aws:iot:us-east-1:000000000000:thinggroup/lamps' }],
    ['thingArn', { thingArn: 42 }],
    ['statusDetails.downloadMs', { statusDetails: { downloadMs: 1200 } }],
    ['statusDetails', { statusDetails: ['a'] }],
    ['eventType', { eventType: 'JOB' }],
  ])('rejects a wrong %s', (path, change) => {
    expect(issuesOf(parseJobExecutionEvent({ ...executionEvent, ...change }))).toContain(path)
  })

  it('rejects what is not an object', () => {
    for (const payload of [null, 'event', 3, []])
      expect(parseJobExecutionEvent(payload).ok).toBe(false)
  })
})

describe('parseJobEvent', () => {
  it('reads a completion with its counts', () => {
    expect(parseJobEvent(jobEvent)).toEqual({ ok: true, value: jobEvent })
  })

  it('reads a cancellation with its comment and no counts, and a null description', () => {
    const { jobProcessDetails: _counts, completedAt: _at, ...rest } = jobEvent
    const canceled = {
      ...rest,
      operation: 'cancellation_in_progress',
      status: 'CANCELLATION_IN_PROGRESS',
      comment: 'Bad batch',
      description: null,
    }
    const result = parseJobEvent(canceled)
    expect(result.ok && result.value).toMatchObject({
      comment: 'Bad batch',
      status: 'CANCELLATION_IN_PROGRESS',
    })
  })

  it.each([
    ['status', { status: 'IN_PROGRESS' }],
    ['targets', { targets: 'arn' }],
    ['jobProcessDetails.numberOfFailedThings', { jobProcessDetails: { numberOfFailedThings: -1 } }],
    ['createdAt', { createdAt: '2026-01-01' }],
    ['jobId', { jobId: null }],
  ])('rejects a wrong %s', (path, change) => {
    expect(issuesOf(parseJobEvent({ ...jobEvent, ...change }))).toContain(path)
  })
})

describe('event topics', () => {
  it('builds the topics AWS publishes on and the filters for one job', () => {
    expect(jobEventTopic('fw-2', 'cancellation_in_progress')).toBe(
      '$aws/events/job/fw-2/cancellation_in_progress',
    )
    expect(jobExecutionEventTopic('fw-2', 'timed_out')).toBe(
      '$aws/events/jobExecution/fw-2/timed_out',
    )
    expect(jobEventFilters('fw-2')).toEqual([
      '$aws/events/job/fw-2/#',
      '$aws/events/jobExecution/fw-2/#',
    ])
  })

  it("names the two filters that receive every job's events", () => {
    expect(ALL_JOB_EVENT_FILTERS).toEqual(['$aws/events/job/#', '$aws/events/jobExecution/#'])
  })

  it('refuses job ids that would change what a topic or filter means', () => {
    for (const jobId of ['a/b', '+', '#', '', 'a b'])
      expect(() => jobEventFilters(jobId)).toThrow(ValidationError)
    expect(() => jobEventTopic('x/#', 'completed')).toThrow(ValidationError)
  })

  it('parses event topics back', () => {
    expect(parseJobEventTopic('$aws/events/jobExecution/fw-2/succeeded')).toEqual({
      eventType: 'JOB_EXECUTION',
      jobId: 'fw-2',
      operation: 'succeeded',
    })
    expect(parseJobEventTopic('$aws/events/job/fw-2/deletion_in_progress')).toEqual({
      eventType: 'JOB',
      jobId: 'fw-2',
      operation: 'deletion_in_progress',
    })
  })

  it.each([
    '$aws/events/job/fw-2/succeeded',
    '$aws/events/jobExecution/fw-2/completed',
    '$aws/events/jobExecution/fw-2/succeeded/extra',
    '$aws/events/jobExecution/fw-2',
    '$aws/events/thing/fw-2/created',
    '$aws/things/lamp-0001/jobs/notify',
    'aws/events/job/fw-2/completed',
  ])('does not take %s for an event topic', (topic) => {
    expect(parseJobEventTopic(topic)).toBeUndefined()
  })
})

describe('parseJobEventMessage', () => {
  it('parses the payload the topic announces', () => {
    const execution = parseJobEventMessage('$aws/events/jobExecution/fw-2/failed', executionEvent)
    expect(execution.ok && execution.value.eventType).toBe('JOB_EXECUTION')
    const job = parseJobEventMessage('$aws/events/job/fw-2/completed', jobEvent)
    expect(job.ok && job.value.eventType).toBe('JOB')
  })

  it('refuses a payload that disagrees with its topic', () => {
    for (const topic of [
      '$aws/events/jobExecution/other-job/failed',
      '$aws/events/jobExecution/fw-2/succeeded',
      '$aws/events/job/fw-2/failed',
      '$aws/events/job/fw-2/completed',
    ])
      expect(parseJobEventMessage(topic, executionEvent).ok).toBe(false)
    expect(parseJobEventMessage('$aws/things/x/shadow/update', executionEvent).ok).toBe(false)
  })
})
