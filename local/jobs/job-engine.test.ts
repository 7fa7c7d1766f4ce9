import { describe, expect, it } from 'vitest'
import { AwsError } from '../edge/aws-error.ts'
import { arnOfGroup, arnOfThing, DOCUMENT } from '../testing/fleet-helpers.ts'
import { jobEngineWorld, NO_S3_OBJECTS } from '../testing/job-engine-world.ts'
import { createJob } from './operations/create-job.ts'
import { deleteJobExecution } from './operations/executions.ts'
import { createJobTemplate } from './operations/job-templates.ts'
import { updateJob } from './operations/jobs.ts'

/**
 * The engine with no server: the real operation handlers over an in-memory
 * store and a clock the test moves by hand, so timing is exact.
 */
const MINUTE_MS = 60_000
// These jobs carry their documents inline; no S3 object is ever read.
const noS3 = NO_S3_OBJECTS

function world() {
  const world = jobEngineWorld()
  const things = (count: number) =>
    Array.from({ length: count }, (_, index) => world.thing(`t${String(index).padStart(4, '0')}`))
  const executions = (jobId: string) => world.engine.index.forJob(jobId)
  return { ...world, things, executions }
}

describe('rollout', () => {
  it('keeps its rate when ticks are further apart than a minute', async () => {
    const { clock, engine, call, things, executions } = world()
    const targets = things(100).map(arnOfThing)
    await call(
      createJob(engine, noS3),
      { jobId: 'coarse' },
      { targets, document: DOCUMENT, jobExecutionsRolloutConfig: { maximumPerMinute: 10 } },
    )
    expect(executions('coarse')).toHaveLength(1)
    clock.advance(6 * MINUTE_MS)
    engine.tick()
    // The five minutes that ended without a tick are credited: about 10 a minute overall.
    expect(executions('coarse').length).toBeGreaterThanOrEqual(59)
    expect(executions('coarse').length).toBeLessThanOrEqual(62)
  })

  it('never notifies more than maximumPerMinute in a minute when ticks are frequent', async () => {
    const { clock, engine, call, things, executions } = world()
    const start = clock.now()
    await call(
      createJob(engine, noS3),
      { jobId: 'steady' },
      {
        targets: things(45).map(arnOfThing),
        document: DOCUMENT,
        jobExecutionsRolloutConfig: {
          maximumPerMinute: 10,
          exponentialRate: {
            baseRatePerMinute: 2,
            incrementFactor: 3,
            rateIncreaseCriteria: { numberOfNotifiedThings: 4 },
          },
        },
      },
    )
    for (let second = 0; second < 10 * 60; second += 7) {
      clock.set(start + second * 1000)
      engine.tick()
    }
    const perMinute = new Map<number, number>()
    for (const execution of executions('steady')) {
      const minute = Math.floor((execution.queuedAtMs - start) / MINUTE_MS)
      perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1)
    }
    expect(executions('steady')).toHaveLength(45)
    expect(perMinute.get(0)).toBeLessThanOrEqual(2)
    expect(Math.max(...perMinute.values())).toBe(10)
  })

  it('applies a new rate from UpdateJob at once', async () => {
    const { clock, engine, call, things, executions } = world()
    const targets = things(50).map(arnOfThing)
    await call(
      createJob(engine, noS3),
      { jobId: 'slow' },
      { targets, document: DOCUMENT, jobExecutionsRolloutConfig: { maximumPerMinute: 1 } },
    )
    clock.advance(MINUTE_MS)
    engine.tick()
    expect(executions('slow')).toHaveLength(2)
    await call(
      updateJob(engine),
      { jobId: 'slow' },
      { jobExecutionsRolloutConfig: { maximumPerMinute: 1000 } },
    )
    clock.advance(10_000)
    engine.tick()
    expect(executions('slow')).toHaveLength(50)
  })
})

describe('completion', () => {
  it('completes a snapshot job on an empty group', async () => {
    const { engine, call, registry } = world()
    registry.createThingGroup({ thingGroupName: 'empty' })
    await call(
      createJob(engine, noS3),
      { jobId: 'nobody' },
      { targets: [arnOfGroup('empty')], document: DOCUMENT },
    )
    expect(engine.getJob('nobody')?.status).toBe('COMPLETED')
  })

  it('completes a job when a forced delete removes its last live execution', async () => {
    const { engine, call, things } = world()
    const [thing = ''] = things(1)
    await call(
      createJob(engine, noS3),
      { jobId: 'forced' },
      { targets: [arnOfThing(thing)], document: DOCUMENT },
    )
    await call(
      deleteJobExecution(engine),
      { jobId: 'forced', thingName: thing, executionNumber: '1' },
      {},
      'force=true',
    )
    expect(engine.getJob('forced')?.status).toBe('COMPLETED')
  })
})

describe('continuous jobs with a schedule', () => {
  it('roll out to the group as it is when the job starts', async () => {
    const { clock, engine, call, registry, things, executions } = world()
    const [stays = '', leaves = '', joins = ''] = things(3)
    registry.createThingGroup({ thingGroupName: 'line' })
    registry.addThingToThingGroup('line', stays)
    registry.addThingToThingGroup('line', leaves)
    await call(
      createJob(engine, noS3),
      { jobId: 'later' },
      {
        targets: [arnOfGroup('line')],
        document: DOCUMENT,
        targetSelection: 'CONTINUOUS',
        schedulingConfig: { startTime: '2026-11-22T13:00' },
      },
    )
    registry.removeThingFromThingGroup('line', leaves)
    registry.addThingToThingGroup('line', joins)
    expect(executions('later')).toHaveLength(0)
    clock.advance(61 * MINUTE_MS)
    engine.tick()
    expect(
      executions('later')
        .map((execution) => execution.thingName)
        .sort(),
    ).toEqual([joins, stays].sort())
  })

  it('start the retry count afresh when a thing rejoins', async () => {
    const { engine, call, registry, things, executions } = world()
    const [thing = ''] = things(1)
    registry.createThingGroup({ thingGroupName: 'cell' })
    registry.addThingToThingGroup('cell', thing)
    await call(
      createJob(engine, noS3),
      { jobId: 'retrying' },
      {
        targets: [arnOfGroup('cell')],
        document: DOCUMENT,
        targetSelection: 'CONTINUOUS',
        jobExecutionsRetryConfig: { criteriaList: [{ failureType: 'FAILED', numberOfRetries: 1 }] },
      },
    )
    const fail = () => {
      const latest = engine.index.latest('retrying', thing)
      if (latest === undefined) throw new Error('no execution')
      engine.moveExecution(latest, 'FAILED', { actor: 'device' })
    }
    fail()
    fail()
    expect(
      executions('retrying').map((execution) => [
        execution.executionNumber,
        execution.retryAttempt,
      ]),
    ).toEqual([
      [1, 0],
      [2, 1],
    ])
    registry.removeThingFromThingGroup('cell', thing)
    registry.addThingToThingGroup('cell', thing)
    fail()
    expect(engine.index.latest('retrying', thing)).toMatchObject({
      executionNumber: 4,
      retryAttempt: 1,
      status: 'QUEUED',
    })
  })
})

describe('maintenance windows', () => {
  it('refuses a cron the engine cannot evaluate, in a template or a job, before storing anything', async () => {
    const { engine, call, store, things } = world()
    const windows = [{ startTime: 'cron(99 * * * ? *)', durationInMinutes: 30 }]
    await expect(
      call(
        createJobTemplate(engine, noS3),
        { jobTemplateId: 'bad' },
        { description: 'x', document: DOCUMENT, maintenanceWindows: windows },
      ),
    ).rejects.toThrow(AwsError)
    expect(store.size('jobTemplates')).toBe(0)
    const [thing = ''] = things(1)
    await expect(
      call(
        createJob(engine, noS3),
        { jobId: 'bad' },
        {
          targets: [arnOfThing(thing)],
          document: DOCUMENT,
          schedulingConfig: { startTime: '2026-11-22T13:00', maintenanceWindows: windows },
        },
      ),
    ).rejects.toThrow('"99" is not a valid minutes')
    expect(store.size('jobs')).toBe(0)
  })
})
