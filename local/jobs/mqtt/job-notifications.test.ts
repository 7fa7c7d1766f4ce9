import { describe, expect, it } from 'vitest'
import { jobEngineWorld } from '../../testing/job-engine-world.ts'
import { DOCUMENT } from '../../testing/fleet-helpers.ts'
import { deleteJobExecution } from '../operations/executions.ts'
import { deleteJob } from '../operations/jobs.ts'
import { startNextPendingJobExecution, updateJobExecution } from '../device-api.ts'
import { createJobNotifications } from './job-notifications.ts'

/**
 * The walk-through of the developer guide's "Jobs notifications" page, step
 * by step, on the engine with no broker: what is pushed, and what is not.
 * https://docs.aws.amazon.com/iot/latest/developerguide/jobs-comm-notifications.html
 */
function notifiedWorld() {
  const world = jobEngineWorld()
  const pushed: { topic: string; payload: unknown }[] = []
  const pending: Promise<void>[] = []
  world.engine.addListener(
    createJobNotifications({
      engine: world.engine,
      documents: (jobId) => Promise.resolve(world.engine.jobDocument(jobId)),
      publish: (topic, build) => {
        pending.push(
          Promise.resolve(build()).then((payload) => {
            pushed.push({ topic, payload })
          }),
        )
      },
    }),
  )
  /** What was pushed since the last call, by topic suffix and the job ids it names. */
  const drain = async () => {
    await Promise.all(pending.splice(0))
    return pushed.splice(0).map(({ topic, payload }) => {
      const kind = topic.endsWith('notify-next') ? 'notify-next' : 'notify'
      const body = payload as {
        jobs?: Record<string, { jobId: string }[]>
        execution?: { jobId: string; status: string; jobDocument: unknown }
      }
      return kind === 'notify'
        ? {
            kind,
            jobs: Object.fromEntries(
              Object.entries(body.jobs ?? {}).map(([status, list]) => [
                status,
                list.map((summary) => summary.jobId),
              ]),
            ),
          }
        : { kind, next: body.execution && `${body.execution.jobId} ${body.execution.status}` }
    })
  }
  const api = {
    engine: world.engine,
    documents: (jobId: string) => Promise.resolve(world.engine.jobDocument(jobId)),
  }
  /** The raw pushes since the last call. */
  const settle = async () => {
    await Promise.all(pending.splice(0))
    return pushed.splice(0)
  }
  return { ...world, drain, settle, api }
}

describe('notify and notify-next', () => {
  it('follow the developer guide walk-through', async () => {
    const { thing, jobOn, drain, api, call, engine } = notifiedWorld()
    const device = thing('device')

    await jobOn('job1', [device])
    expect(await drain()).toEqual([
      { kind: 'notify', jobs: { QUEUED: ['job1'] } },
      { kind: 'notify-next', next: 'job1 QUEUED' },
    ])

    await jobOn('job2', [device])
    expect(await drain()).toEqual([{ kind: 'notify', jobs: { QUEUED: ['job1', 'job2'] } }])

    // Starting the head changes neither the list nor the head: nothing is pushed.
    await startNextPendingJobExecution(api, device, {})
    expect(await drain()).toEqual([])

    await jobOn('job3', [device])
    expect(await drain()).toEqual([
      { kind: 'notify', jobs: { IN_PROGRESS: ['job1'], QUEUED: ['job2', 'job3'] } },
    ])

    await updateJobExecution(api, device, 'job1', {
      status: 'SUCCEEDED',
      includeJobDocument: false,
      includeJobExecutionState: false,
    })
    expect(await drain()).toEqual([
      { kind: 'notify', jobs: { QUEUED: ['job2', 'job3'] } },
      { kind: 'notify-next', next: 'job2 QUEUED' },
    ])

    // Starting job3 before job2 makes it the head: notify-next only.
    await updateJobExecution(api, device, 'job3', {
      status: 'IN_PROGRESS',
      includeJobDocument: false,
      includeJobExecutionState: false,
    })
    expect(await drain()).toEqual([{ kind: 'notify-next', next: 'job3 IN_PROGRESS' }])

    await updateJobExecution(api, device, 'job2', {
      status: 'REJECTED',
      includeJobDocument: false,
      includeJobExecutionState: false,
    })
    expect(await drain()).toEqual([{ kind: 'notify', jobs: { IN_PROGRESS: ['job3'] } }])

    // Force-deleting the last execution empties the queue.
    await call(
      deleteJobExecution(engine),
      { jobId: 'job3', thingName: device, executionNumber: '1' },
      {},
      'force=true',
    )
    expect(await drain()).toEqual([
      { kind: 'notify', jobs: {} },
      { kind: 'notify-next', next: undefined },
    ])
  })

  it('push the new head with its document as an object when a job is deleted, and a bare timestamp once nothing is left', async () => {
    const { thing, jobOn, settle, engine, call, api } = notifiedWorld()
    const device = thing('device')
    await jobOn('first', [device])
    await jobOn('second', [device])
    await settle()

    await call(deleteJob(engine), { jobId: 'first' }, {}, 'force=true')
    const timestamp = expect.any(Number) as number
    expect(await settle()).toEqual([
      {
        topic: '$aws/things/device/jobs/notify',
        payload: { timestamp, jobs: { QUEUED: [expect.objectContaining({ jobId: 'second' })] } },
      },
      {
        topic: '$aws/things/device/jobs/notify-next',
        payload: {
          timestamp,
          execution: expect.objectContaining({
            jobId: 'second',
            status: 'QUEUED',
            jobDocument: JSON.parse(DOCUMENT) as unknown,
          }) as unknown,
        },
      },
    ])

    await updateJobExecution(api, device, 'second', {
      status: 'REJECTED',
      includeJobDocument: false,
      includeJobExecutionState: false,
    })
    expect(await settle()).toEqual([
      { topic: '$aws/things/device/jobs/notify', payload: { timestamp, jobs: {} } },
      { topic: '$aws/things/device/jobs/notify-next', payload: { timestamp } },
    ])
  })
})
