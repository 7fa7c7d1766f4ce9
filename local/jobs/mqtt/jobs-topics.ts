/**
 * The reserved topics of the Jobs MQTT API, under `$aws/things/{thingName}/jobs/`.
 * A device publishes a request and hears back on the request topic plus
 * `/accepted` or `/rejected`; the service pushes `notify` and `notify-next`.
 * https://docs.aws.amazon.com/iot/latest/developerguide/reserved-topics.html#reserved-topics-job
 */
export type JobsApi =
  | 'GetPendingJobExecutions'
  | 'StartNextPendingJobExecution'
  | 'DescribeJobExecution'
  | 'UpdateJobExecution'

export type JobsTopic =
  | { readonly thingName: string; readonly api: 'GetPendingJobExecutions' }
  | { readonly thingName: string; readonly api: 'StartNextPendingJobExecution' }
  | {
      readonly thingName: string
      readonly api: 'DescribeJobExecution' | 'UpdateJobExecution'
      /** A job id, or `$next` for DescribeJobExecution. */
      readonly jobId: string
    }
  /** In the jobs namespace but no API: answered with InvalidTopic. */
  | { readonly thingName: string; readonly api: undefined }

/** Every publish under a thing's jobs topics is a request the Jobs service answers. */
export const JOBS_REQUEST_FILTER = '$aws/things/+/jobs/#'

const PREFIX = /^\$aws\/things\/([^/]+)\/jobs\/(.*)$/

/** The API a publish addresses, or undefined when the topic is outside the jobs namespace. */
export function parseJobsTopic(topic: string): JobsTopic | undefined {
  const match = PREFIX.exec(topic)
  if (match === null) return undefined
  const thingName = match[1] ?? ''
  const levels = (match[2] ?? '').split('/')
  const [first = '', second] = levels
  if (levels.length === 1 && first === 'get') return { thingName, api: 'GetPendingJobExecutions' }
  if (levels.length === 1 && first === 'start-next')
    return { thingName, api: 'StartNextPendingJobExecution' }
  if (levels.length === 2 && first !== '' && second === 'get')
    return { thingName, api: 'DescribeJobExecution', jobId: first }
  if (levels.length === 2 && first !== '' && second === 'update')
    return { thingName, api: 'UpdateJobExecution', jobId: first }
  return { thingName, api: undefined }
}

export const acceptedTopic = (requestTopic: string) => `${requestTopic}/accepted`
export const rejectedTopic = (requestTopic: string) => `${requestTopic}/rejected`

/** ListNotification: the pending executions changed. */
export const notifyTopic = (thingName: string) => `$aws/things/${thingName}/jobs/notify`
/** NextNotification: the head of the queue changed. */
export const notifyNextTopic = (thingName: string) => `$aws/things/${thingName}/jobs/notify-next`
