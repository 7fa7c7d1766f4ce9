import { describe, expect, it } from 'vitest'
import { EventConfigurations } from '../../iot/events/event-configurations.ts'
import { jobEngineWorld } from '../../testing/job-engine-world.ts'
import { startNextPendingJobExecution, updateJobExecution } from '../device-api.ts'
import { deleteJobExecution } from '../operations/executions.ts'
import { cancelJob, deleteJob } from '../operations/jobs.ts'
import { createJobEvents } from './job-events.ts'

/** Which events each move of the engine publishes, with no broker: the topics in order. */
function eventsWorld({ enable = true } = {}) {
  const world = jobEngineWorld()
  const configurations = new EventConfigurations(world.store, world.clock)
  if (enable) configurations.update({ JOB: true, JOB_EXECUTION: true })
  const published: { topic: string; payload: Record<string, unknown> }[] = []
  let counter = 0
  world.engine.addListener(
    createJobEvents({
      engine: world.engine,
      configurations,
      publish: (topic, build) => {
        published.push({ topic, payload: build() as Record<string, unknown> })
      },
      newEventId: () => `event-${(counter += 1)}`,
    }),
  )
  const api = {
    engine: world.engine,
    documents: (jobId: string) => Promise.resolve(world.engine.jobDocument(jobId)),
  }
  const finish = (thingName: string, jobId: string, status: string) =>
    updateJobExecution(api, thingName, jobId, {
      status,
      statusDetails: { step: status.toLowerCase() },
      includeJobDocument: false,
      includeJobExecutionState: false,
    })
  /** Topics published so far (after queued microtasks), without the `$aws/events/` prefix. */
  const topics = async () => {
    await Promise.resolve()
    return published.splice(0).map(({ topic }) => topic.replace('$aws/events/', ''))
  }
  return { ...world, configurations, published, api, finish, topics }
}

describe('job events', () => {
  it('publish nothing until UpdateEventConfigurations enables them', async () => {
    const { thing, jobOn, finish, topics } = eventsWorld({ enable: false })
    const device = thing('device')
    await jobOn('quiet', [device])
    await finish(device, 'quiet', 'SUCCEEDED')
    expect(await topics()).toEqual([])
  })

  it('publish each terminal execution and the completion, and nothing for queueing or starting', async () => {
    const { thing, jobOn, finish, topics, api, published } = eventsWorld()
    const [a, b, c] = [thing('a'), thing('b'), thing('c')]
    await jobOn('fw', [a, b, c])
    await startNextPendingJobExecution(api, a, { statusDetails: { step: 'download' } })
    await finish(a, 'fw', 'IN_PROGRESS')
    expect(await topics()).toEqual([])

    await finish(a, 'fw', 'SUCCEEDED')
    await finish(b, 'fw', 'FAILED')
    const execution = published[1]?.payload
    await finish(c, 'fw', 'REJECTED')
    expect(await topics()).toEqual([
      'jobExecution/fw/succeeded',
      'jobExecution/fw/failed',
      'jobExecution/fw/rejected',
      'job/fw/completed',
    ])
    expect(execution).toMatchObject({
      eventType: 'JOB_EXECUTION',
      eventId: 'event-2',
      operation: 'failed',
      status: 'FAILED',
      thingArn: 'arn:aws:iot:us-east-1:000000000000:thing/b',
      statusDetails: { step: 'failed' },
    })
  })

  it('count the executions in the completed event as they stand when the job completes', async () => {
    const { thing, jobOn, finish, published } = eventsWorld()
    const [a, b] = [thing('a'), thing('b')]
    await jobOn('counted', [a, b])
    await finish(a, 'counted', 'SUCCEEDED')
    await finish(b, 'counted', 'REJECTED')
    expect(published.at(-1)?.payload).toMatchObject({
      operation: 'completed',
      status: 'COMPLETED',
      jobProcessDetails: { numberOfSucceededThings: 1, numberOfRejectedThings: 1 },
    })
  })

  it('announce a cancellation when it starts and once its executions are canceled', async () => {
    const { thing, jobOn, api, call, engine, topics, published } = eventsWorld()
    const [running, waiting] = [thing('running'), thing('waiting')]
    await jobOn('stop-me', [running, waiting])
    await startNextPendingJobExecution(api, running, {})
    await call(cancelJob(engine), { jobId: 'stop-me' }, { comment: 'Bad batch' })
    const cancelled = published[0]?.payload
    expect(await topics()).toEqual([
      'job/stop-me/cancellation_in_progress',
      'jobExecution/stop-me/canceled',
      'job/stop-me/canceled',
    ])
    expect(cancelled).toMatchObject({ status: 'CANCELLATION_IN_PROGRESS', comment: 'Bad batch' })

    // A forced cancel goes on to cancel the execution still in progress.
    await call(cancelJob(engine), { jobId: 'stop-me' }, {}, 'force=true')
    expect(await topics()).toEqual([
      'job/stop-me/cancellation_in_progress',
      'jobExecution/stop-me/canceled',
      'job/stop-me/canceled',
    ])
  })

  it('publish timed_out when a step timer runs out', async () => {
    const { thing, jobOn, api, clock, engine, topics } = eventsWorld()
    const device = thing('slow')
    await jobOn('timed', [device])
    await startNextPendingJobExecution(api, device, { stepTimeoutInMinutes: 1 })
    clock.advance(61_000)
    engine.tick()
    expect(await topics()).toEqual(['jobExecution/timed/timed_out', 'job/timed/completed'])
  })

  it('publish deleted for DeleteJobExecution, and deletion_in_progress then deleted for DeleteJob', async () => {
    const { thing, jobOn, finish, call, engine, topics } = eventsWorld()
    const device = thing('device')
    await jobOn('gone', [device])
    await finish(device, 'gone', 'SUCCEEDED')
    await topics()
    await call(deleteJobExecution(engine), {
      jobId: 'gone',
      thingName: device,
      executionNumber: '1',
    })
    await call(deleteJob(engine), { jobId: 'gone' })
    expect(await topics()).toEqual(['jobExecution/gone/deleted', 'job/gone/deletion_in_progress'])
    engine.tick()
    expect(await topics()).toEqual(['job/gone/deleted'])
  })
})
