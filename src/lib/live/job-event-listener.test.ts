import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { JobEvent } from '@domain/job-events.ts'
import type { LiveListener } from './live-connection-manager.ts'
import { listenToAllJobEvents, listenToJobEvents } from './job-event-listener.ts'
import { topicMatchesFilter } from './topic-filter.ts'

/** The manager's subscribe, recording filters and fanning published messages out. */
function fakeManager() {
  const listeners = new Map<string, Set<LiveListener>>()
  return {
    filters: () => [...listeners.keys()].filter((filter) => (listeners.get(filter)?.size ?? 0) > 0),
    subscribe: (filter: string, listener: LiveListener) => {
      const set = listeners.get(filter) ?? new Set()
      set.add(listener)
      listeners.set(filter, set)
      return () => set.delete(listener)
    },
    publish: (topic: string, payload: unknown) => {
      for (const [filter, set] of listeners)
        if (topicMatchesFilter(filter, topic))
          for (const listener of set) listener({ topic, payload })
    },
  }
}

const executionEvent = (
  eventId: string,
  thingName: string,
  status = 'SUCCEEDED',
  jobId = 'fw-2',
) => ({
  eventType: 'JOB_EXECUTION',
  eventId,
  timestamp: 1_795_000_000,
  operation: status.toLowerCase(),
  jobId,
  thingArn: `arn:aws:iot:us-east-1:000000000000:thing/${thingName}`,
  status,
  statusDetails: { step: 'done' },
})

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('listenToJobEvents', () => {
  it('listens to both event topics of the job and hands parsed events over in batches', async () => {
    const manager = fakeManager()
    const batches: JobEvent[][] = []
    listenToJobEvents(manager, 'fw-2', (events) => batches.push([...events]))
    expect(manager.filters().sort()).toEqual([
      '$aws/events/job/fw-2/#',
      '$aws/events/jobExecution/fw-2/#',
    ])
    for (let index = 0; index < 1_000; index += 1) {
      const event = executionEvent(`e${index}`, `lamp-${index}`)
      manager.publish(`$aws/events/jobExecution/fw-2/succeeded`, event)
    }
    manager.publish('$aws/events/job/fw-2/completed', {
      eventType: 'JOB',
      eventId: 'done',
      timestamp: 1_795_000_001,
      operation: 'completed',
      jobId: 'fw-2',
      status: 'COMPLETED',
    })
    await vi.advanceTimersByTimeAsync(0)
    expect(batches).toHaveLength(1)
    expect(batches[0]).toHaveLength(1_001)
    expect(batches[0]?.[0]).toMatchObject({ thingName: 'lamp-0', status: 'SUCCEEDED' })
    expect(batches[0]?.at(-1)).toMatchObject({ eventType: 'JOB', status: 'COMPLETED' })
  })

  it('drops what is not a valid event of this job and says so', async () => {
    const manager = fakeManager()
    const delivered: JobEvent[] = []
    const invalid: string[] = []
    listenToJobEvents(manager, 'fw-2', (events) => delivered.push(...events), {
      onInvalid: (topic) => invalid.push(topic),
    })
    manager.publish('$aws/events/jobExecution/fw-2/succeeded', { eventType: 'JOB_EXECUTION' })
    manager.publish('$aws/events/jobExecution/fw-2/failed', executionEvent('e1', 'lamp-1'))
    manager.publish('$aws/events/jobExecution/fw-2/succeeded', executionEvent('e2', 'lamp-2'))
    await vi.advanceTimersByTimeAsync(0)
    expect(delivered.map((event) => event.eventId)).toEqual(['e2'])
    expect(invalid).toEqual([
      '$aws/events/jobExecution/fw-2/succeeded',
      '$aws/events/jobExecution/fw-2/failed',
    ])
  })

  it('stops listening and drops pending events when stopped', async () => {
    const manager = fakeManager()
    const delivered: JobEvent[] = []
    const stop = listenToJobEvents(manager, 'fw-2', (events) => delivered.push(...events))
    manager.publish('$aws/events/jobExecution/fw-2/succeeded', executionEvent('e1', 'lamp-1'))
    stop()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(delivered).toEqual([])
    expect(manager.filters()).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('listens to nothing for a job id AWS would refuse', () => {
    const manager = fakeManager()
    const stop = listenToJobEvents(manager, 'fw-2/#', () => undefined)
    expect(manager.filters()).toEqual([])
    stop()
  })
})

describe('listenToAllJobEvents', () => {
  it("hands over every job's events through two subscriptions, and nothing else", async () => {
    const manager = fakeManager()
    const delivered: JobEvent[] = []
    const invalid: string[] = []
    const stop = listenToAllJobEvents(manager, (events) => delivered.push(...events), {
      onInvalid: (topic) => invalid.push(topic),
    })
    expect(manager.filters().sort()).toEqual(['$aws/events/job/#', '$aws/events/jobExecution/#'])
    manager.publish(
      '$aws/events/jobExecution/fw-2/failed',
      executionEvent('e1', 'lamp-1', 'FAILED'),
    )
    manager.publish(
      '$aws/events/jobExecution/cfg-9/succeeded',
      executionEvent('e2', 'lock-1', 'SUCCEEDED', 'cfg-9'),
    )
    // A payload naming another job than its topic is refused, as for one job.
    manager.publish('$aws/events/jobExecution/fw-3/failed', executionEvent('e3', 'x', 'FAILED'))
    manager.publish('$aws/things/lamp-1/shadow/update', { state: {} })
    await vi.advanceTimersByTimeAsync(0)
    expect(delivered.map((event) => [event.jobId, event.eventId])).toEqual([
      ['fw-2', 'e1'],
      ['cfg-9', 'e2'],
    ])
    expect(invalid).toEqual(['$aws/events/jobExecution/fw-3/failed'])
    stop()
    expect(manager.filters()).toEqual([])
  })
})
