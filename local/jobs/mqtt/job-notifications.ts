import type { JobExecutionRecord } from '../../state/records.ts'
import type { DeviceDocuments } from '../device-documents.ts'
import type { JobEngine, JobEngineListener } from '../job-engine.ts'
import { executionIdentity, isLiveJobIn, orderPending } from '../pending-queue.ts'
import { notifyNextTopic, notifyTopic } from './jobs-topics.ts'
import { messageTimestamp, mqttExecutionShape, pendingJobsByStatus } from './jobs-mqtt-shapes.ts'
import type { PublishAfterFlush } from './publish-after-flush.ts'

/**
 * The Jobs service's pushes to a thing, with AWS's rules
 * (https://docs.aws.amazon.com/iot/latest/developerguide/jobs-comm-notifications.html):
 * - `notify` (ListNotification) when an execution joins or leaves the
 *   thing's pending list: queued, or ended (terminal, deleted, or its job
 *   being deleted); it lists at most 10, and `jobs: {}` once the list is empty;
 * - `notify-next` (NextNotification) only when the head of the list changes,
 *   with the new head and its document, or just a timestamp when nothing is
 *   left;
 * - starting the head (QUEUED to IN_PROGRESS) changes neither, so it is silent.
 * Each change is judged by comparing the pending list before and after it,
 * rebuilt from the change itself, so a restart loses nothing.
 */
export interface PendingChange {
  readonly notify: boolean
  readonly notifyNext: boolean
}

/** Which pushes a change of a thing's pending list calls for. */
export function pendingChange(
  before: readonly JobExecutionRecord[],
  after: readonly JobExecutionRecord[],
): PendingChange {
  const members = (list: readonly JobExecutionRecord[]) =>
    list.map(executionIdentity).sort().join('\n')
  const head = (list: readonly JobExecutionRecord[]) =>
    list[0] === undefined ? undefined : executionIdentity(list[0])
  return {
    notify: members(before) !== members(after),
    notifyNext: head(before) !== head(after),
  }
}

/** The thing's latest executions per job with one job's entry replaced (or dropped): the list as it was. */
function withLatest(
  latest: readonly JobExecutionRecord[],
  jobId: string,
  replacement: JobExecutionRecord | undefined,
): JobExecutionRecord[] {
  const others = latest.filter((execution) => execution.jobId !== jobId)
  return replacement === undefined ? others : [...others, replacement]
}

export function createJobNotifications({
  engine,
  documents,
  publish,
}: {
  engine: JobEngine
  documents: DeviceDocuments
  publish: PublishAfterFlush
}): JobEngineListener {
  const announce = (
    thingName: string,
    before: readonly JobExecutionRecord[],
    after: readonly JobExecutionRecord[],
  ) => {
    const change = pendingChange(before, after)
    const timestamp = messageTimestamp(engine.clock.now())
    if (change.notify) {
      const jobs = pendingJobsByStatus(after)
      publish(notifyTopic(thingName), () => ({ timestamp, jobs }))
    }
    if (change.notifyNext) {
      const head = after[0]
      publish(notifyNextTopic(thingName), async () =>
        head === undefined
          ? { timestamp }
          : {
              timestamp,
              execution: mqttExecutionShape(engine, head, await documents(head.jobId)),
            },
      )
    }
  }

  /** `execution` replaced `previous` (or is new): what the thing's list was before. */
  const replaced = (execution: JobExecutionRecord, previous: JobExecutionRecord | undefined) => {
    const latest = engine.index.latestForThing(execution.thingName)
    const current = latest.find((candidate) => candidate.jobId === execution.jobId)
    // Only the latest attempt of a job can be pending; older attempts' changes move nothing.
    if (current?.executionNumber !== execution.executionNumber) return
    const isLive = isLiveJobIn(engine)
    announce(
      execution.thingName,
      orderPending(withLatest(latest, execution.jobId, previous), isLive),
      orderPending(latest, isLive),
    )
  }

  return {
    onExecutionChanged: ({ execution, previous }) => replaced(execution, previous),
    onExecutionDeleted: (deleted) => {
      const latest = engine.index.latestForThing(deleted.thingName)
      const current = latest.find((candidate) => candidate.jobId === deleted.jobId)
      if (current !== undefined && current.executionNumber > deleted.executionNumber) return
      const isLive = isLiveJobIn(engine)
      announce(
        deleted.thingName,
        orderPending(withLatest(latest, deleted.jobId, deleted), isLive),
        orderPending(latest, isLive),
      )
    },
    onJobChanged: (job, previous) => {
      if (job.status !== 'DELETION_IN_PROGRESS' || previous?.status === 'DELETION_IN_PROGRESS')
        return
      // Deleting a job takes its executions off every thing's list at once.
      const things = new Set(
        engine.index
          .forJob(job.jobId)
          .filter(
            (execution) => execution.status === 'QUEUED' || execution.status === 'IN_PROGRESS',
          )
          .map((execution) => execution.thingName),
      )
      const isLive = isLiveJobIn(engine)
      for (const thingName of things) {
        const latest = engine.index.latestForThing(thingName)
        announce(
          thingName,
          orderPending(latest, (jobId) => jobId === job.jobId || isLive(jobId)),
          orderPending(latest, isLive),
        )
      }
    },
  }
}
