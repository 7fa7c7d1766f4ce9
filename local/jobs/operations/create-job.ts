import { parseJobTargetArn } from '../../../domain/arn.ts'
import { JOB_ID_RULE } from '../../../domain/identifiers.ts'
import { validateCreateJobOptions } from '../../../domain/job-config/create-job-options.ts'
import {
  invalidRequest,
  notImplemented,
  resourceAlreadyExists,
  resourceNotFound,
} from '../../edge/aws-error.ts'
import { bodyObject, identifier, optionalString, valid, type JsonObject } from '../../edge/input.ts'
import type { Operation } from '../../edge/service.ts'
import { arns } from '../../arns.ts'
import { ACCOUNT_ID, REGION } from '../../config.ts'
import type { JobRecord, JobTemplateRecord } from '../../state/records.ts'
import { checkPlaceholders } from '../device-documents.ts'
import { assertMayPassRoles } from '../pass-role.ts'
import { readDocumentSource, type S3ObjectReader } from '../document-source.ts'
import { checkDocument } from '../job-document-check.ts'
import type { JobEngine } from '../job-engine.ts'
import { jobConfigFrom } from '../job-config-input.ts'
import { initialRolloutState } from '../rollout.ts'
import { checkMaintenanceWindows } from '../maintenance-window-input.ts'

const UNSUPPORTED_MEMBERS = [
  'documentParameters',
  'destinationPackageVersions',
  'namespaceId',
] as const

/** Things the targets reach now: named things, and every thing in each group and its child groups. */
export function resolveTargets(engine: JobEngine, targets: readonly string[]): string[] {
  const things = new Set<string>()
  for (const arn of targets) {
    const target = parseJobTargetArn(arn)
    if (target === undefined || target.region !== REGION || target.accountId !== ACCOUNT_ID) {
      throw invalidRequest(`${arn} is not a thing or thing group ARN of this account and region.`)
    }
    if (target.kind === 'thing') {
      if (engine.registry.getThing(target.name) === undefined)
        throw resourceNotFound(`Thing ${target.name} cannot be found.`)
      things.add(target.name)
    } else {
      if (engine.registry.getThingGroup(target.name) === undefined) {
        throw resourceNotFound(`Thing group ${target.name} cannot be found.`)
      }
      for (const thing of engine.registry.thingsInGroup(target.name, true)) things.add(thing)
    }
  }
  return [...things]
}

function template(engine: JobEngine, arn: string | undefined): JobTemplateRecord | undefined {
  if (arn === undefined) return undefined
  const id = /:jobtemplate\/([a-zA-Z0-9_-]+)$/.exec(arn)?.[1]
  const found = id === undefined ? undefined : engine.store.get('jobTemplates', id)
  if (found === undefined) throw resourceNotFound(`Job template ${arn} cannot be found.`)
  return found
}

function scheduling(body: JsonObject, nowMs: number): JobRecord['schedulingConfig'] {
  const options = valid(
    validateCreateJobOptions(
      {
        targets: body.targets,
        schedulingConfig: body.schedulingConfig ?? undefined,
        tags: body.tags ?? undefined,
      },
      { nowMs },
    ),
  )
  return options.schedulingConfig
}

export const createJob = (engine: JobEngine, s3Objects: S3ObjectReader): Operation => ({
  name: 'CreateJob',
  handle: ({ params, body: rawBody, principal }) => {
    const body = bodyObject(rawBody)
    const jobId = identifier(JOB_ID_RULE, params.jobId)
    for (const name of UNSUPPORTED_MEMBERS) {
      if (body[name] !== undefined) throw notImplemented(`CreateJob with ${name}`)
    }
    const now = engine.clock.now()
    const schedulingConfig = scheduling(body, now)
    const targets = body.targets as string[]
    const selection = optionalString(body, 'targetSelection') ?? 'SNAPSHOT'
    if (selection !== 'SNAPSHOT' && selection !== 'CONTINUOUS')
      throw invalidRequest('targetSelection must be SNAPSHOT or CONTINUOUS.')
    const fromTemplate = template(engine, optionalString(body, 'jobTemplateArn'))
    const documentSource = optionalString(body, 'documentSource') ?? fromTemplate?.documentSource
    if (documentSource !== undefined && optionalString(body, 'document') !== undefined) {
      throw invalidRequest('Give either document or documentSource, not both.')
    }
    const document =
      documentSource === undefined
        ? (optionalString(body, 'document') ?? fromTemplate?.document)
        : readDocumentSource(documentSource, principal, s3Objects)
    if (document === undefined)
      throw invalidRequest('CreateJob needs a document or a documentSource.')
    checkDocument(document)

    const {
      createdAtMs: _created,
      jobTemplateId: _id,
      jobTemplateArn: _arn,
      document: _doc,
      documentSource: _src,
      maintenanceWindows,
      ...templateConfig
    } = fromTemplate ?? ({} as Partial<JobTemplateRecord>)
    const requested = jobConfigFrom(body)
    assertMayPassRoles(principal, requested)
    const config = { ...templateConfig, ...requested }
    checkPlaceholders(document, config.presignedUrlConfig !== undefined)
    const retriesTimeouts = config.jobExecutionsRetryConfig?.criteriaList.some(
      (item) => item.failureType !== 'FAILED' && item.numberOfRetries > 0,
    )
    if (retriesTimeouts === true && config.timeoutConfig === undefined) {
      throw invalidRequest('Retrying TIMED_OUT executions needs a timeoutConfig.')
    }
    if (engine.getJob(jobId) !== undefined) {
      throw resourceAlreadyExists(`Job ${jobId} already exists.`, jobId, arns.job(jobId))
    }
    const thingNames = resolveTargets(engine, targets)
    const windows = schedulingConfig?.maintenanceWindows ?? maintenanceWindows
    checkMaintenanceWindows(windows)
    const effectiveScheduling =
      windows === undefined
        ? schedulingConfig
        : { ...schedulingConfig, maintenanceWindows: windows }
    const scheduled =
      effectiveScheduling?.startTime !== undefined ||
      (effectiveScheduling?.maintenanceWindows?.length ?? 0) > 0
    const tags = body.tags as JobRecord['tags']
    const job: JobRecord = {
      ...config,
      jobId,
      jobArn: arns.job(jobId),
      targets,
      targetSelection: selection,
      ...(documentSource === undefined ? {} : { documentSource }),
      status: scheduled ? 'SCHEDULED' : 'IN_PROGRESS',
      ...(fromTemplate === undefined ? {} : { jobTemplateArn: fromTemplate.jobTemplateArn }),
      ...(effectiveScheduling === undefined ? {} : { schedulingConfig: effectiveScheduling }),
      ...(tags === undefined ? {} : { tags }),
      createdAtMs: now,
      lastUpdatedAtMs: now,
      rolloutCursor: 0,
      ...initialRolloutState(config, now),
      ...(scheduled ? {} : { rolloutStartedAtMs: now }),
    }
    engine.store.put('jobDocuments', jobId, { jobId, document })
    engine.store.put('jobTargets', jobId, { jobId, thingNames })
    engine.putJob(job)
    engine.tick()
    return { jobArn: job.jobArn, jobId, description: job.description }
  },
})
