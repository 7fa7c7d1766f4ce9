import { JOB_TEMPLATE_ID_RULE } from '../../../domain/identifiers.ts'
import { maintenanceWindowSchema } from '../../../domain/job-config/scheduling.ts'
import { validateWith } from '../../../domain/validation.ts'
import { z } from 'zod'
import { conflict, invalidRequest, notImplemented, resourceNotFound } from '../../edge/aws-error.ts'
import { bodyObject, identifier, optionalString, valid } from '../../edge/input.ts'
import { paginate } from '../../edge/pagination.ts'
import type { Operation } from '../../edge/service.ts'
import { controlPlaneTime } from '../../edge/timestamps.ts'
import { arns } from '../../arns.ts'
import type { JobTemplateRecord } from '../../state/records.ts'
import type { JobEngine } from '../job-engine.ts'
import { jobConfigFrom } from '../job-config-input.ts'
import { checkMaintenanceWindows } from '../maintenance-window-input.ts'
import { assertMayPassRoles } from '../pass-role.ts'
import { readDocumentSource, type S3ObjectReader } from '../document-source.ts'
import { checkDocument } from '../job-document-check.ts'
import { LIST_LIMIT } from './jobs.ts'

/** CreateJobTemplate, DescribeJobTemplate, ListJobTemplates, DeleteJobTemplate. */
function requireTemplate(engine: JobEngine, id: string): JobTemplateRecord {
  const template = engine.store.get('jobTemplates', id)
  if (template === undefined) throw resourceNotFound(`Job template ${id} cannot be found.`)
  return template
}

export const createJobTemplate = (engine: JobEngine, s3Objects: S3ObjectReader): Operation => ({
  name: 'CreateJobTemplate',
  handle: ({ params, body: rawBody, principal }) => {
    const body = bodyObject(rawBody)
    const jobTemplateId = identifier(JOB_TEMPLATE_ID_RULE, params.jobTemplateId)
    if (optionalString(body, 'description') === undefined)
      throw invalidRequest('description is required.')
    if (body.destinationPackageVersions !== undefined)
      throw notImplemented('CreateJobTemplate with destinationPackageVersions')
    if (engine.store.has('jobTemplates', jobTemplateId)) {
      // The model answers a duplicate template id with ConflictException.
      throw conflict(`Job template ${jobTemplateId} already exists.`)
    }
    const jobArn = optionalString(body, 'jobArn')
    const sourceJob =
      jobArn === undefined ? undefined : engine.requireJob(/:job\/(.+)$/.exec(jobArn)?.[1] ?? '')
    const documentSource = optionalString(body, 'documentSource')
    let document = optionalString(body, 'document')
    if (documentSource !== undefined && document !== undefined) {
      throw invalidRequest('Give either document or documentSource, not both.')
    }
    // The source is read now to check it, and again by each job made from the template.
    if (documentSource !== undefined) readDocumentSource(documentSource, principal, s3Objects)
    else {
      if (sourceJob !== undefined) document ??= engine.jobDocument(sourceJob.jobId)
      if (document === undefined)
        throw invalidRequest('Give a document, a documentSource or a jobArn.')
      checkDocument(document)
    }
    const windows =
      body.maintenanceWindows === undefined
        ? undefined
        : valid(
            validateWith(z.array(maintenanceWindowSchema), body.maintenanceWindows),
            'maintenanceWindows',
          )
    checkMaintenanceWindows(windows)
    const requested = jobConfigFrom(body)
    assertMayPassRoles(principal, requested)
    const template: JobTemplateRecord = {
      ...(sourceJob === undefined
        ? {}
        : jobConfigFrom(sourceJob as unknown as Record<string, unknown>)),
      ...requested,
      jobTemplateId,
      jobTemplateArn: arns.jobTemplate(jobTemplateId),
      ...(documentSource === undefined ? { document } : { documentSource }),
      ...(windows === undefined ? {} : { maintenanceWindows: windows }),
      createdAtMs: engine.clock.now(),
    }
    engine.store.put('jobTemplates', jobTemplateId, template)
    return { jobTemplateArn: template.jobTemplateArn, jobTemplateId }
  },
})

export const describeJobTemplate = (engine: JobEngine): Operation => ({
  name: 'DescribeJobTemplate',
  handle: ({ params }) => {
    const { createdAtMs, ...template } = requireTemplate(engine, params.jobTemplateId ?? '')
    return { ...template, createdAt: controlPlaneTime(createdAtMs) }
  },
})

export const listJobTemplates = (engine: JobEngine): Operation => ({
  name: 'ListJobTemplates',
  handle: ({ query }) => {
    const templates = [...engine.store.values('jobTemplates')].sort(
      (a, b) => b.createdAtMs - a.createdAtMs,
    )
    const page = paginate(templates, query, 'ListJobTemplates', { limit: LIST_LIMIT })
    return {
      jobTemplates: page.items.map((template) => ({
        jobTemplateArn: template.jobTemplateArn,
        jobTemplateId: template.jobTemplateId,
        description: template.description,
        createdAt: controlPlaneTime(template.createdAtMs),
      })),
      nextToken: page.nextToken,
    }
  },
})

export const deleteJobTemplate = (engine: JobEngine): Operation => ({
  name: 'DeleteJobTemplate',
  handle: ({ params }) => {
    requireTemplate(engine, params.jobTemplateId ?? '')
    engine.store.delete('jobTemplates', params.jobTemplateId ?? '')
    return undefined
  },
})
