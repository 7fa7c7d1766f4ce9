import { randomUUID } from 'node:crypto'
import { isTerminalJobExecutionStatus } from '../../../domain/job-execution-status.ts'
import type { EventConfigurations } from '../../iot/events/event-configurations.ts'
import type { JobExecutionRecord, JobRecord } from '../../state/records.ts'
import type { JobEngine, JobEngineListener } from '../job-engine.ts'
import type { PublishAfterFlush } from '../mqtt/publish-after-flush.ts'
import {
  EXECUTION_EVENT_OPERATIONS,
  jobEvent,
  jobEventTopic,
  jobExecutionEvent,
  jobExecutionEventTopic,
  type JobExecutionOperation,
  type JobOperation,
} from './job-event-payloads.ts'

/**
 * Publishes AWS IoT Jobs events on `$aws/events/job/…` (JOB) and
 * `$aws/events/jobExecution/…` (JOB_EXECUTION) when UpdateEventConfigurations
 * has enabled them. Only the moves AWS has an event for publish one: a job
 * completing, being canceled or deleted; an execution reaching a terminal
 * status or being deleted. Creation, rollout and QUEUED to IN_PROGRESS have
 * none: the dashboard reads those from DescribeJob (docs/local-cloud.md).
 * https://docs.aws.amazon.com/iot/latest/developerguide/events-jobs.html
 */
export function createJobEvents({
  engine,
  configurations,
  publish,
  newEventId = randomUUID,
}: {
  engine: JobEngine
  configurations: EventConfigurations
  publish: PublishAfterFlush
  newEventId?: () => string
}): JobEngineListener {
  const stamp = () => ({ eventId: newEventId(), atMs: engine.clock.now() })

  const jobHappened = (job: JobRecord, operation: JobOperation) => {
    if (!configurations.isEnabled('JOB')) return
    // Counts are read now: the index changes in place.
    const payload = jobEvent(job, operation, stamp(), { ...engine.index.countsFor(job.jobId) })
    publish(jobEventTopic(job.jobId, operation), () => payload)
  }

  const executionHappened = (execution: JobExecutionRecord, operation: JobExecutionOperation) => {
    if (!configurations.isEnabled('JOB_EXECUTION')) return
    const payload = jobExecutionEvent(execution, operation, stamp())
    publish(jobExecutionEventTopic(execution.jobId, operation), () => payload)
  }

  /**
   * AWS announces a cancellation when it starts and when it is done. The
   * engine cancels the job's executions synchronously after moving the job,
   * so `canceled` follows once that work is over: after their events.
   */
  const cancellation = (job: JobRecord) => {
    jobHappened(job, 'cancellation_in_progress')
    queueMicrotask(() => jobHappened(engine.getJob(job.jobId) ?? job, 'canceled'))
  }

  return {
    onExecutionChanged: ({ execution, previous }) => {
      const operation = EXECUTION_EVENT_OPERATIONS[execution.status]
      const ended = previous !== undefined && !isTerminalJobExecutionStatus(previous.status)
      if (operation !== undefined && ended) executionHappened(execution, operation)
    },
    onExecutionDeleted: (execution) => executionHappened(execution, 'deleted'),
    onJobChanged: (job, previous) => {
      if (job.status === previous?.status) {
        // A forced cancel of a job canceled without force cancels again.
        if (job.status === 'CANCELED' && job.forceCanceled === true && !previous.forceCanceled)
          cancellation(job)
        return
      }
      if (job.status === 'COMPLETED') jobHappened(job, 'completed')
      else if (job.status === 'CANCELED') cancellation(job)
      else if (job.status === 'DELETION_IN_PROGRESS') jobHappened(job, 'deletion_in_progress')
    },
    onJobDeleted: (job) => jobHappened(job, 'deleted'),
  }
}
