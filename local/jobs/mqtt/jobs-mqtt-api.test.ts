import { describe, expect, it } from 'vitest'
import type { ServiceRequest } from '../../mqtt/mqtt-broker.ts'
import { jobEngineWorld } from '../../testing/job-engine-world.ts'
import { answerJobsRequest } from './jobs-mqtt-api.ts'

/**
 * InternalError cannot be provoked over the wire without breaking the local
 * cloud, so it is checked here: a failure after the request was understood
 * (the store cannot make the change durable, a document cannot be prepared)
 * is logged and answered with InternalError, never with accepted.
 */
async function ask(
  options: { flushFails?: boolean; documentFails?: boolean },
  topic: string,
  payload: unknown,
) {
  const world = jobEngineWorld()
  const device = world.thing('device')
  await world.jobOn('fw', [device])
  const replies: { topic: string; payload: unknown }[] = []
  const errors: unknown[] = []
  const request: ServiceRequest = {
    identity: { kind: 'thing', thingName: device, clientId: device },
    topic: topic.replace('{thing}', device),
    payload: Buffer.from(JSON.stringify(payload)),
    reply: (replyTopic, replyPayload) => replies.push({ topic: replyTopic, payload: replyPayload }),
  }
  await answerJobsRequest(
    {
      api: {
        engine: world.engine,
        documents: (jobId) =>
          options.documentFails === true
            ? Promise.reject(new Error('presigning failed'))
            : Promise.resolve(world.engine.jobDocument(jobId)),
      },
      flush: () =>
        options.flushFails === true ? Promise.reject(new Error('disk full')) : Promise.resolve(),
      onError: (error) => errors.push(error),
    },
    request,
  )
  return { replies, errors }
}

describe('the Jobs MQTT API on internal failures', () => {
  it('answers InternalError when the change cannot be made durable', async () => {
    const { replies, errors } = await ask(
      { flushFails: true },
      '$aws/things/{thing}/jobs/fw/update',
      { status: 'IN_PROGRESS', clientToken: 'tok-1' },
    )
    expect(replies).toEqual([
      {
        topic: '$aws/things/device/jobs/fw/update/rejected',
        payload: {
          code: 'InternalError',
          message: expect.any(String) as string,
          clientToken: 'tok-1',
          timestamp: expect.any(Number) as number,
          executionState: undefined,
        },
      },
    ])
    expect(errors).toHaveLength(1)
  })

  it('answers InternalError when the job document cannot be prepared', async () => {
    const { replies } = await ask({ documentFails: true }, '$aws/things/{thing}/jobs/start-next', {
      clientToken: 'tok-2',
    })
    expect(replies).toMatchObject([
      {
        topic: '$aws/things/device/jobs/start-next/rejected',
        payload: { code: 'InternalError', clientToken: 'tok-2' },
      },
    ])
  })

  it('accepts the same request when nothing fails', async () => {
    const { replies, errors } = await ask({}, '$aws/things/{thing}/jobs/start-next', {})
    expect(replies).toMatchObject([
      {
        topic: '$aws/things/device/jobs/start-next/accepted',
        payload: { execution: { jobId: 'fw', status: 'IN_PROGRESS' } },
      },
    ])
    expect(errors).toEqual([])
  })
})
