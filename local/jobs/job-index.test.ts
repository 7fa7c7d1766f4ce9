import { describe, expect, it } from 'vitest'
import type { JobExecutionStatus } from '../../domain/job-execution-status.ts'
import type { JobExecutionRecord, LocalCloudSchema } from '../state/records.ts'
import { MemoryStore } from '../store/store.ts'
import { JobIndex } from './job-index.ts'

const execution = (
  thingName: string,
  status: JobExecutionStatus,
  executionNumber = 1,
): JobExecutionRecord => ({
  jobId: 'j',
  thingName,
  status,
  statusDetails: {},
  executionNumber,
  versionNumber: 1,
  retryAttempt: executionNumber - 1,
  retriesAfterFailure: 0,
  retriesAfterTimeout: 0,
  queuedAtMs: 0,
  lastUpdatedAtMs: 0,
})

const things = (index: JobIndex, status?: JobExecutionStatus) =>
  index.keysForJob('j', status).map((key) => index.byKey(key)?.thingName)

describe('the job index', () => {
  it('lists a job’s executions by status in the order they reached it, and counts them', () => {
    const index = new JobIndex(new MemoryStore<LocalCloudSchema>())
    for (const name of ['a', 'b', 'c']) index.put(execution(name, 'QUEUED'))
    index.put(execution('c', 'FAILED'))
    index.put(execution('a', 'FAILED'))
    index.put({ ...execution('a', 'FAILED'), versionNumber: 2 })
    expect(things(index)).toEqual(['a', 'b', 'c'])
    expect(things(index, 'QUEUED')).toEqual(['b'])
    expect(things(index, 'FAILED')).toEqual(['c', 'a'])
    expect(things(index, 'SUCCEEDED')).toEqual([])
    expect(index.countsFor('j')).toMatchObject({ QUEUED: 1, FAILED: 2 })
  })

  it('rebuilds the same lists from the store at start', () => {
    const store = new MemoryStore<LocalCloudSchema>()
    const first = new JobIndex(store)
    first.put(execution('a', 'QUEUED'))
    first.put(execution('b', 'SUCCEEDED'))
    const again = new JobIndex(store)
    expect(things(again, 'SUCCEEDED')).toEqual(['b'])
    expect(again.countsFor('j')).toMatchObject({ QUEUED: 1, SUCCEEDED: 1 })
  })

  it('forgets a deleted attempt by its stored status, and falls back to the attempt before it', () => {
    const index = new JobIndex(new MemoryStore<LocalCloudSchema>())
    index.put(execution('a', 'FAILED', 1))
    index.put(execution('a', 'QUEUED', 2))
    index.put(execution('a', 'IN_PROGRESS', 2))
    // A stale copy (QUEUED) is given; the index still uncounts IN_PROGRESS.
    index.delete(execution('a', 'QUEUED', 2))
    expect(index.countsFor('j')).toMatchObject({ QUEUED: 0, IN_PROGRESS: 0, FAILED: 1 })
    expect(things(index, 'IN_PROGRESS')).toEqual([])
    expect(index.latest('j', 'a')?.executionNumber).toBe(1)
    index.delete(execution('a', 'FAILED', 1))
    expect(index.latest('j', 'a')).toBeUndefined()
    expect(index.latestForThing('a')).toEqual([])
  })

  it('deletes every execution of a large job with a few reads each, not a scan of the job', () => {
    // Counts the store's reads: deleting each latest attempt once scanned the whole job.
    class CountingStore extends MemoryStore<LocalCloudSchema> {
      reads = 0
      override get<C extends keyof LocalCloudSchema & string>(collection: C, key: string) {
        this.reads += 1
        return super.get(collection, key)
      }
    }
    const store = new CountingStore()
    const index = new JobIndex(store)
    const count = 2_000
    for (let n = 0; n < count; n++) index.put(execution(`t${n}`, 'SUCCEEDED'))
    const executions = index.forJob('j')
    store.reads = 0
    for (const each of executions) index.delete(each)
    expect(store.reads).toBeLessThanOrEqual(2 * count)
    expect(index.countsFor('j').SUCCEEDED).toBe(0)
    expect(index.keysForJob('j')).toEqual([])
  })
})
