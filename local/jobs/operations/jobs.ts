import { JOB_STATUSES } from '../../../domain/job-status.ts'
import { invalidRequest, limitExceeded } from '../../edge/aws-error.ts'
import { bodyObject, optionalString, queryBoolean } from '../../edge/input.ts'
import { paginate } from '../../edge/pagination.ts'
import type { Operation } from '../../edge/service.ts'
import { MAX_JOB_TARGETS } from '../../../domain/job-config/create-job-options.ts'
import type { JobEngine } from '../job-engine.ts'
import { assertMayPassRoles } from '../pass-role.ts'
import { jobConfigFrom } from '../job-config-input.ts'
import { initialRolloutState } from '../rollout.ts'
import { jobShape, jobSummaryShape } from '../job-shapes.ts'
import { resolveTargets } from './create-job.ts'

/** DescribeJob, GetJobDocument, ListJobs, UpdateJob, CancelJob, DeleteJob, AssociateTargetsWithJob. */
export const LIST_LIMIT = 250
const REASON_CODE = /^[\p{Lu}\p{Nd}_]{1,128}$/u

export const describeJob = (engine: JobEngine): Operation => ({
  name: 'DescribeJob',
  handle: ({ params }) => {
    const job = engine.requireJob(params.jobId ?? '')
    return { documentSource: job.documentSource, job: jobShape(engine, job) }
  },
})

export const getJobDocument = (engine: JobEngine): Operation => ({
  name: 'GetJobDocument',
  handle: ({ params }) => {
    const job = engine.requireJob(params.jobId ?? '')
    return { document: engine.jobDocument(job.jobId) }
  },
})

export const listJobs = (engine: JobEngine): Operation => ({
  name: 'ListJobs',
  handle: ({ query }) => {
    const status = query.get('status') ?? undefined
    if (status !== undefined && !(JOB_STATUSES as readonly string[]).includes(status)) {
      throw invalidRequest(`status must be one of ${JOB_STATUSES.join(', ')}.`)
    }
    const selection = query.get('targetSelection') ?? undefined
    const groupName = query.get('thingGroupName') ?? undefined
    const groupId = query.get('thingGroupId') ?? undefined
    const groupArn =
      groupName !== undefined
        ? engine.registry.getThingGroup(groupName)?.thingGroupArn
        : [...engine.store.values('thingGroups')].find((group) => group.thingGroupId === groupId)
            ?.thingGroupArn
    const jobs = [...engine.store.values('jobs')]
      .filter((job) => status === undefined || job.status === status)
      .filter((job) => selection === undefined || job.targetSelection === selection)
      .filter(
        (job) =>
          (groupName === undefined && groupId === undefined) ||
          (groupArn !== undefined && job.targets.includes(groupArn)),
      )
      // Newest first, as the console lists them.
      .sort((a, b) => b.createdAtMs - a.createdAtMs || (a.jobId < b.jobId ? -1 : 1))
    const scope = `ListJobs ${status} ${selection} ${groupName} ${groupId}`
    const page = paginate(jobs, query, scope, { limit: LIST_LIMIT })
    return {
      jobs: page.items.map((job) => jobSummaryShape(engine, job)),
      nextToken: page.nextToken,
    }
  },
})

export const updateJob = (engine: JobEngine): Operation => ({
  name: 'UpdateJob',
  handle: ({ params, body, principal }) => {
    const job = engine.requireJob(params.jobId ?? '')
    if (job.status === 'DELETION_IN_PROGRESS')
      throw invalidRequest(`Job ${job.jobId} is being deleted.`)
    const config = jobConfigFrom(bodyObject(body))
    assertMayPassRoles(principal, config)
    const now = engine.clock.now()
    const updated = { ...job, ...config, lastUpdatedAtMs: now }
    // A new rollout configuration takes effect from now, at its own starting rate.
    engine.putJob(
      config.jobExecutionsRolloutConfig === undefined
        ? updated
        : { ...updated, ...initialRolloutState(updated, now) },
    )
    return undefined
  },
})

export const cancelJob = (engine: JobEngine): Operation => ({
  name: 'CancelJob',
  handle: ({ params, query, body: rawBody }) => {
    const body = bodyObject(rawBody)
    const reasonCode = optionalString(body, 'reasonCode')
    const comment = optionalString(body, 'comment')
    if (reasonCode !== undefined && !REASON_CODE.test(reasonCode)) {
      throw invalidRequest(
        'reasonCode may contain only upper-case letters, digits and underscores (at most 128).',
      )
    }
    if (comment !== undefined && comment.length > 2028)
      throw invalidRequest('comment must be at most 2028 characters.')
    const job = engine.cancelJob(params.jobId ?? '', {
      force: queryBoolean(query, 'force'),
      ...(reasonCode === undefined ? {} : { reasonCode }),
      ...(comment === undefined ? {} : { comment }),
    })
    return { jobArn: job.jobArn, jobId: job.jobId, description: job.description }
  },
})

export const deleteJob = (engine: JobEngine): Operation => ({
  name: 'DeleteJob',
  handle: ({ params, query }) => {
    engine.deleteJob(params.jobId ?? '', queryBoolean(query, 'force'))
    return undefined
  },
})

export const associateTargetsWithJob = (engine: JobEngine): Operation => ({
  name: 'AssociateTargetsWithJob',
  handle: ({ params, body: rawBody }) => {
    const body = bodyObject(rawBody)
    const job = engine.requireJob(params.jobId ?? '')
    if (job.targetSelection !== 'CONTINUOUS' || job.status !== 'IN_PROGRESS') {
      throw invalidRequest('Targets can be added only to a CONTINUOUS job that is IN_PROGRESS.')
    }
    const added = body.targets
    if (
      !Array.isArray(added) ||
      added.length === 0 ||
      added.some((arn) => typeof arn !== 'string')
    ) {
      throw invalidRequest('targets must be a non-empty list of ARNs.')
    }
    const targets = [...new Set([...job.targets, ...(added as string[])])]
    if (targets.length > MAX_JOB_TARGETS)
      throw limitExceeded(`A job may have at most ${MAX_JOB_TARGETS} targets.`)
    const things = resolveTargets(engine, added as string[])
    const comment = optionalString(body, 'comment')
    const updated = {
      ...job,
      targets,
      ...(comment === undefined ? {} : { comment }),
      lastUpdatedAtMs: engine.clock.now(),
    }
    engine.putJob(updated)
    for (const thingName of things) {
      const latest = engine.index.latest(job.jobId, thingName)
      if (latest === undefined || latest.status === 'REMOVED')
        engine.queueExecution(updated, thingName, latest)
    }
    return { jobArn: job.jobArn, jobId: job.jobId, description: job.description }
  },
})
