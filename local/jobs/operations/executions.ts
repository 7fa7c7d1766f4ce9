import {
  JOB_EXECUTION_STATUSES,
  isJobExecutionStatus,
  isTerminalJobExecutionStatus,
  type JobExecutionStatus,
} from '../../../domain/job-execution-status.ts'
import { validateStatusDetails } from '../../../domain/status-details.ts'
import {
  invalidRequest,
  invalidStateTransition,
  resourceNotFound,
  versionConflict,
} from '../../edge/aws-error.ts'
import { bodyObject, optionalInteger, queryBoolean, queryInteger, valid } from '../../edge/input.ts'
import { paginate } from '../../edge/pagination.ts'
import type { Operation } from '../../edge/service.ts'
import { arns } from '../../arns.ts'
import type { JobExecutionRecord } from '../../state/records.ts'
import type { JobEngine } from '../job-engine.ts'
import { controlPlaneExecutionShape, executionSummaryShape } from '../job-shapes.ts'
import { LIST_LIMIT } from './jobs.ts'

/** Control-plane views of executions: list per job and per thing, describe, cancel, delete. */
function statusFilter(query: URLSearchParams): JobExecutionStatus | undefined {
  const status = query.get('status') ?? undefined
  if (status !== undefined && !isJobExecutionStatus(status)) {
    throw invalidRequest(`status must be one of ${JOB_EXECUTION_STATUSES.join(', ')}.`)
  }
  return status
}

export function requireExecution(
  engine: JobEngine,
  jobId: string,
  thingName: string,
  executionNumber?: number,
): JobExecutionRecord {
  const execution =
    executionNumber === undefined
      ? engine.index.latest(jobId, thingName)
      : engine.index.get(jobId, thingName, executionNumber)
  if (execution === undefined)
    throw resourceNotFound(`No execution of job ${jobId} on thing ${thingName} was found.`)
  return execution
}

export const listJobExecutionsForJob = (engine: JobEngine): Operation => ({
  name: 'ListJobExecutionsForJob',
  handle: ({ params, query }) => {
    const job = engine.requireJob(params.jobId ?? '')
    const status = statusFilter(query)
    // Page over keys and read only the page's records: a job may have 100,000 executions.
    const keys = engine.index.keysForJob(job.jobId, status)
    const page = paginate(keys, query, `ListJobExecutionsForJob ${job.jobId} ${status}`, {
      limit: LIST_LIMIT,
    })
    const executions = page.items
      .map((key) => engine.index.byKey(key))
      .filter((execution): execution is JobExecutionRecord => execution !== undefined)
    return {
      executionSummaries: executions.map((execution) => ({
        thingArn: arns.thing(execution.thingName),
        jobExecutionSummary: executionSummaryShape(execution),
      })),
      nextToken: page.nextToken,
    }
  },
})

export const listJobExecutionsForThing = (engine: JobEngine): Operation => ({
  name: 'ListJobExecutionsForThing',
  handle: ({ params, query }) => {
    const thingName = params.thingName ?? ''
    const status = statusFilter(query)
    const jobId = query.get('jobId') ?? undefined
    const executions = engine.index
      .allForThing(thingName)
      .filter((execution) => status === undefined || execution.status === status)
      .filter((execution) => jobId === undefined || execution.jobId === jobId)
      .sort((a, b) => b.queuedAtMs - a.queuedAtMs)
    const page = paginate(
      executions,
      query,
      `ListJobExecutionsForThing ${thingName} ${status} ${jobId}`,
      { limit: LIST_LIMIT },
    )
    return {
      executionSummaries: page.items.map((execution) => ({
        jobId: execution.jobId,
        jobExecutionSummary: executionSummaryShape(execution),
      })),
      nextToken: page.nextToken,
    }
  },
})

export const describeJobExecution = (engine: JobEngine): Operation => ({
  name: 'DescribeJobExecution',
  handle: ({ params, query }) => {
    const number = queryInteger(query, 'executionNumber', 0, Number.MAX_SAFE_INTEGER)
    const execution = requireExecution(engine, params.jobId ?? '', params.thingName ?? '', number)
    return { execution: controlPlaneExecutionShape(engine, execution) }
  },
})

export const cancelJobExecution = (engine: JobEngine): Operation => ({
  name: 'CancelJobExecution',
  handle: ({ params, query, body: rawBody }) => {
    const body = bodyObject(rawBody)
    const execution = requireExecution(engine, params.jobId ?? '', params.thingName ?? '')
    const expectedVersion = optionalInteger(body, 'expectedVersion')
    if (expectedVersion !== undefined && expectedVersion !== execution.versionNumber) {
      throw versionConflict(
        `The execution's version is ${execution.versionNumber}, not ${expectedVersion}.`,
      )
    }
    const statusDetails =
      body.statusDetails === undefined
        ? undefined
        : valid(validateStatusDetails(body.statusDetails), 'statusDetails')
    engine.moveExecution(execution, 'CANCELED', {
      force: queryBoolean(query, 'force'),
      ...(statusDetails === undefined ? {} : { statusDetails: { ...statusDetails } }),
    })
    return undefined
  },
})

export const deleteJobExecution = (engine: JobEngine): Operation => ({
  name: 'DeleteJobExecution',
  handle: ({ params, query }) => {
    const number = Number(params.executionNumber)
    if (!Number.isInteger(number)) throw invalidRequest('executionNumber must be a whole number.')
    const execution = requireExecution(engine, params.jobId ?? '', params.thingName ?? '', number)
    if (!isTerminalJobExecutionStatus(execution.status) && !queryBoolean(query, 'force')) {
      throw invalidStateTransition(
        `The execution is ${execution.status}; delete it with force, or wait until it ends.`,
      )
    }
    engine.deleteExecution(execution)
    return undefined
  },
})
