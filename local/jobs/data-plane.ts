import { Service } from '../edge/service.ts'
import type { DeviceDocuments } from './device-documents.ts'
import type { JobEngine } from './job-engine.ts'
import {
  describeJobExecutionOperation,
  getPendingJobExecutionsOperation,
  startNextPendingJobExecutionOperation,
  updateJobExecutionOperation,
} from './operations/device-jobs.ts'

/** The jobs data plane over HTTPS (signing name iot-jobs-data). */
export function createJobsDataPlane(engine: JobEngine, documents: DeviceDocuments): Service {
  const api = { engine, documents }
  return new Service('the IoT jobs data plane', 'iotjobsdata')
    .route('GET', '/things/{thingName}/jobs', getPendingJobExecutionsOperation(api))
    .route('PUT', '/things/{thingName}/jobs/$next', startNextPendingJobExecutionOperation(api))
    .route('GET', '/things/{thingName}/jobs/{jobId}', describeJobExecutionOperation(api))
    .route('POST', '/things/{thingName}/jobs/{jobId}', updateJobExecutionOperation(api))
}
