import { describe, expect, it } from 'vitest'
import { topicMatches } from '../../mqtt/topics.ts'
import {
  acceptedTopic,
  JOBS_REQUEST_FILTER,
  notifyNextTopic,
  notifyTopic,
  parseJobsTopic,
  rejectedTopic,
} from './jobs-topics.ts'

describe('Jobs MQTT API topics', () => {
  it.each([
    ['$aws/things/pump-1/jobs/get', { api: 'GetPendingJobExecutions' }],
    ['$aws/things/pump-1/jobs/start-next', { api: 'StartNextPendingJobExecution' }],
    ['$aws/things/pump-1/jobs/fw-2/get', { api: 'DescribeJobExecution', jobId: 'fw-2' }],
    ['$aws/things/pump-1/jobs/$next/get', { api: 'DescribeJobExecution', jobId: '$next' }],
    ['$aws/things/pump-1/jobs/fw-2/update', { api: 'UpdateJobExecution', jobId: 'fw-2' }],
    // A job may be called "get": its own get is DescribeJobExecution.
    ['$aws/things/pump-1/jobs/get/get', { api: 'DescribeJobExecution', jobId: 'get' }],
  ])('%s names %o', (topic, expected) => {
    expect(parseJobsTopic(topic)).toEqual({ thingName: 'pump-1', ...expected })
  })

  it.each([
    '$aws/things/pump-1/jobs/notify',
    '$aws/things/pump-1/jobs/notify-next',
    '$aws/things/pump-1/jobs/get/accepted',
    '$aws/things/pump-1/jobs/fw-2/update/accepted',
    '$aws/things/pump-1/jobs/fw-2/delete',
    '$aws/things/pump-1/jobs/',
    '$aws/things/pump-1/jobs//get',
  ])('%s is in the namespace but names no API', (topic) => {
    expect(parseJobsTopic(topic)).toEqual({ thingName: 'pump-1', api: undefined })
  })

  it('leaves topics outside the jobs namespace alone', () => {
    expect(parseJobsTopic('$aws/things/pump-1/shadow/get')).toBeUndefined()
    expect(parseJobsTopic('$aws/events/job/fw-2/completed')).toBeUndefined()
  })

  it('serves every request topic, and answers and pushes on topics of the same thing', () => {
    expect(topicMatches(JOBS_REQUEST_FILTER, '$aws/things/pump-1/jobs/fw-2/update')).toBe(true)
    expect(acceptedTopic('$aws/things/pump-1/jobs/get')).toBe(
      '$aws/things/pump-1/jobs/get/accepted',
    )
    expect(rejectedTopic('$aws/things/pump-1/jobs/x/get')).toBe(
      '$aws/things/pump-1/jobs/x/get/rejected',
    )
    expect(notifyTopic('pump-1')).toBe('$aws/things/pump-1/jobs/notify')
    expect(notifyNextTopic('pump-1')).toBe('$aws/things/pump-1/jobs/notify-next')
  })
})
