import { createManualClock } from '../clock.ts'
import type { Operation } from '../edge/service.ts'
import { Registry } from '../iot/registry.ts'
import { JobEngine } from '../jobs/job-engine.ts'
import { createJob } from '../jobs/operations/create-job.ts'
import type { LocalCloudSchema } from '../state/records.ts'
import { MemoryStore } from '../store/store.ts'
import { arnOfThing, DOCUMENT } from './fleet-helpers.ts'

/** For jobs whose documents are inline: no S3 object is ever read. */
export const NO_S3_OBJECTS = { size: () => undefined, read: () => undefined }

/**
 * A job engine with no server for unit tests: the real operation handlers
 * over an in-memory store and a clock the test moves by hand.
 */
export function jobEngineWorld() {
  const store = new MemoryStore<LocalCloudSchema>()
  const clock = createManualClock(Date.UTC(2026, 10, 22, 12, 0))
  const registry = new Registry(store, clock)
  const engine = new JobEngine(store, registry, clock, (error) => {
    throw error
  })
  const call = async (
    operation: Operation,
    params: Record<string, string>,
    body: unknown = {},
    query = '',
  ) =>
    operation.handle({
      params,
      body,
      query: new URLSearchParams(query),
      principal: { role: 'admin', accessKeyId: 'test', arn: 'arn:aws:iam::000000000000:root' },
    })
  const thing = (thingName: string) => registry.createThing({ thingName }).thingName
  /** Creates a job on the things and rolls it out (one engine tick). */
  const jobOn = async (jobId: string, thingNames: readonly string[], extra: object = {}) => {
    await call(
      createJob(engine, NO_S3_OBJECTS),
      { jobId },
      { targets: thingNames.map(arnOfThing), document: DOCUMENT, ...extra },
    )
    engine.tick()
    return jobId
  }
  return { store, clock, registry, engine, call, thing, jobOn }
}
