import { Service } from '../edge/service.ts'
import type { DeviceDocuments } from './device-documents.ts'
import type { JobEngine } from './job-engine.ts'
import {
  describeDeviceJobExecution,
  getPendingJobExecutions,
  startNextPendingJobExecution,
  updateJobExecution,
} from './operations/device-jobs.ts'

/** The jobs data plane over HTTPS (signing name iot-jobs-data). */
export function createJobsDataPlane(engine: JobEngine, documentFor: DeviceDocuments): Service {
  return new Service('the IoT jobs data plane', 'iotjobsdata')
    .route('GET', '/things/{thingName}/jobs', getPendingJobExecutions(engine))
    .route(
      'PUT',
      '/things/{thingName}/jobs/$next',
      startNextPendingJobExecution(engine, documentFor),
    )
    .route(
      'GET',
      '/things/{thingName}/jobs/{jobId}',
      describeDeviceJobExecution(engine, documentFor),
    )
    .route('POST', '/things/{thingName}/jobs/{jobId}', updateJobExecution(engine, documentFor))
}
