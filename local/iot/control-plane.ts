import { Service } from '../edge/service.ts'
import type { JobEngine } from '../jobs/job-engine.ts'
import { createJob } from '../jobs/operations/create-job.ts'
import {
  cancelJobExecution,
  deleteJobExecution,
  describeJobExecution,
  listJobExecutionsForJob,
  listJobExecutionsForThing,
} from '../jobs/operations/executions.ts'
import {
  createJobTemplate,
  deleteJobTemplate,
  describeJobTemplate,
  listJobTemplates,
} from '../jobs/operations/job-templates.ts'
import {
  associateTargetsWithJob,
  cancelJob,
  deleteJob,
  describeJob,
  getJobDocument,
  listJobs,
  updateJob,
} from '../jobs/operations/jobs.ts'
import { describeEndpoint } from './operations/describe-endpoint.ts'
import { listTagsForResource } from './operations/list-tags-for-resource.ts'
import { EventConfigurations } from './events/event-configurations.ts'
import {
  describeEventConfigurations,
  updateEventConfigurations,
} from './events/event-configuration-operations.ts'
import {
  addThingToThingGroup,
  createThingGroup,
  deleteThingGroup,
  describeThingGroup,
  listThingGroups,
  listThingGroupsForThing,
  listThingsInThingGroup,
  removeThingFromThingGroup,
} from './operations/thing-groups.ts'
import { createThingType, listThingTypes } from './operations/thing-types.ts'
import {
  createThing,
  deleteThing,
  describeThing,
  listThings,
  updateThing,
} from './operations/things.ts'
import type { Registry } from './registry.ts'
import type { DeviceSecurity } from './device-security.ts'
import { routeDeviceSecurity } from './device-security-routes.ts'
import { refusedWhilePrincipalsAttached } from './operations/thing-principals.ts'
import type { S3ObjectReader } from '../jobs/document-source.ts'
import type { FleetIndexing } from './fleet-index/fleet-indexing.ts'
import { routeFleetIndexing } from './fleet-index/fleet-index-routes.ts'

/** The IoT control plane (signing name iot, or execute-api from older clients), bound as the IoT model binds each operation. */
export function createControlPlane(
  registry: Registry,
  engine: JobEngine,
  endpointAddress: () => string,
  /** S3 objects, for CreateJob's documentSource. */
  s3Objects: S3ObjectReader,
  /** Certificates, thing principals and policies. */
  security: DeviceSecurity,
  /** The thing index and dynamic thing groups. */
  fleetIndexing: FleetIndexing,
): Service {
  const events = new EventConfigurations(engine.store, engine.clock)
  const service = new Service('the IoT control plane', 'iot')
    .route('POST', '/things/{thingName}', createThing(registry))
    .route('GET', '/things/{thingName}', describeThing(registry))
    .route('PATCH', '/things/{thingName}', updateThing(registry))
    .route(
      'DELETE',
      '/things/{thingName}',
      refusedWhilePrincipalsAttached(security, deleteThing(registry)),
    )
    .route('GET', '/things', listThings(registry))
    .route('POST', '/thing-types/{thingTypeName}', createThingType(registry))
    .route('GET', '/thing-types', listThingTypes(registry))
    .route('PUT', '/thing-groups/addThingToThingGroup', addThingToThingGroup(registry))
    .route('PUT', '/thing-groups/removeThingFromThingGroup', removeThingFromThingGroup(registry))
    .route('POST', '/thing-groups/{thingGroupName}', createThingGroup(registry))
    .route('GET', '/thing-groups/{thingGroupName}', describeThingGroup(registry))
    .route('DELETE', '/thing-groups/{thingGroupName}', deleteThingGroup(registry))
    .route('GET', '/thing-groups', listThingGroups(registry))
    .route('GET', '/thing-groups/{thingGroupName}/things', listThingsInThingGroup(registry))
    .route('GET', '/things/{thingName}/thing-groups', listThingGroupsForThing(registry))
    .route('GET', '/endpoint', describeEndpoint(endpointAddress))
    .route('GET', '/tags', listTagsForResource(engine))
    .route('PUT', '/jobs/{jobId}', createJob(engine, s3Objects))
    .route('GET', '/jobs/{jobId}', describeJob(engine))
    .route('GET', '/jobs/{jobId}/job-document', getJobDocument(engine))
    .route('GET', '/jobs', listJobs(engine))
    .route('PATCH', '/jobs/{jobId}', updateJob(engine))
    .route('PUT', '/jobs/{jobId}/cancel', cancelJob(engine))
    .route('DELETE', '/jobs/{jobId}', deleteJob(engine))
    .route('POST', '/jobs/{jobId}/targets', associateTargetsWithJob(engine))
    .route('GET', '/jobs/{jobId}/things', listJobExecutionsForJob(engine))
    .route('GET', '/things/{thingName}/jobs', listJobExecutionsForThing(engine))
    .route('GET', '/things/{thingName}/jobs/{jobId}', describeJobExecution(engine))
    .route('PUT', '/things/{thingName}/jobs/{jobId}/cancel', cancelJobExecution(engine))
    .route(
      'DELETE',
      '/things/{thingName}/jobs/{jobId}/executionNumber/{executionNumber}',
      deleteJobExecution(engine),
    )
    .route('PUT', '/job-templates/{jobTemplateId}', createJobTemplate(engine, s3Objects))
    .route('GET', '/job-templates/{jobTemplateId}', describeJobTemplate(engine))
    .route('GET', '/job-templates', listJobTemplates(engine))
    .route('DELETE', '/job-templates/{jobTemplateId}', deleteJobTemplate(engine))
    .route('PATCH', '/event-configurations', updateEventConfigurations(events))
    .route('GET', '/event-configurations', describeEventConfigurations(events))
  return routeFleetIndexing(
    routeDeviceSecurity(service, security, registry),
    fleetIndexing,
    registry,
  )
}
