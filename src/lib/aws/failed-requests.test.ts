import { ListJobsCommand, IoTClient } from '@aws-sdk/client-iot'
import { describe, expect, it } from 'vitest'
import { awsErrorMessage } from './aws-error-message.ts'
import { corsDiagnosis, failedRequestOf } from './failed-requests.ts'

/**
 * A real IoT client whose transport fails the way a browser's fetch() does
 * on a CORS refusal or a dropped connection (Node has no CORS to refuse;
 * e2e/cors.spec.ts shows the same in Chromium against the local cloud).
 */
function clientFailingWith(error: Error | (() => Error), probe: typeof fetch, maxAttempts = 1) {
  const iot = new IoTClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts,
    requestHandler: {
      handle: () => Promise.reject(typeof error === 'function' ? error() : error),
    },
  })
  iot.middlewareStack.use(corsDiagnosis({ fetch: probe, isOnline: () => true }))
  return iot
}

const hostAnswers: typeof fetch = () => Promise.resolve(new Response(null))
const hostSilent: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'))

async function failureOf(iot: IoTClient): Promise<unknown> {
  return iot.send(new ListJobsCommand({})).then(
    () => {
      throw new Error('expected ListJobs to fail')
    },
    (error: unknown) => error,
  )
}

describe('corsDiagnosis', () => {
  it('records a refused answer as CORS, with the operation and address', async () => {
    const error = await failureOf(clientFailingWith(new TypeError('Failed to fetch'), hostAnswers))
    expect(failedRequestOf(error)).toEqual({
      clientName: 'IoTClient',
      operation: 'ListJobs',
      url: 'https://iot.eu-west-1.amazonaws.com/jobs',
      cause: 'cors',
    })
    expect(awsErrorMessage(error, 'load the jobs')).toMatch(
      /^Could not load the jobs: AWS answered ListJobs \(https:\/\/iot\.eu-west-1\.amazonaws\.com\/jobs\), but without the CORS headers/,
    )
  })

  it('records an unreachable host as the network', async () => {
    const error = await failureOf(clientFailingWith(new TypeError('Failed to fetch'), hostSilent))
    expect(failedRequestOf(error)?.cause).toBe('network')
    expect(awsErrorMessage(error, 'load the jobs')).toBe(
      'Could not load the jobs: AWS could not be reached (iot.eu-west-1.amazonaws.com). Check the network connection.',
    )
  })

  it('records the error the SDK finally throws after retrying', async () => {
    // The SDK retries fetch() failures as transient; each attempt fails anew.
    const error = await failureOf(
      clientFailingWith(() => new TypeError('Failed to fetch'), hostAnswers, 2),
    )
    expect(failedRequestOf(error)?.cause).toBe('cors')
  })

  it('leaves other failures unrecorded and unchanged', async () => {
    const other = new Error('socket hang up')
    const error = await failureOf(clientFailingWith(other, hostAnswers))
    expect(error).toBe(other)
    expect(failedRequestOf(error)).toBeUndefined()
  })
})
