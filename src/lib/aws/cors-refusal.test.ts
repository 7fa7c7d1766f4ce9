import { describe, expect, it } from 'vitest'
import {
  cliCommandOf,
  corsRefusalMessage,
  isFetchFailure,
  probeFetchFailure,
  type FailedRequest,
} from './cors-refusal.ts'

describe('isFetchFailure', () => {
  it('knows the TypeError each browser rejects fetch() with', () => {
    for (const message of [
      'Failed to fetch',
      'NetworkError when attempting to fetch resource.',
      'Load failed',
      'fetch failed',
    ])
      expect(isFetchFailure(new TypeError(message)), message).toBe(true)
  })

  it('leaves other errors alone', () => {
    expect(isFetchFailure(new TypeError('x is not a function'))).toBe(false)
    expect(isFetchFailure(new Error('Failed to fetch'))).toBe(false)
    expect(isFetchFailure(new DOMException('The operation was aborted.', 'AbortError'))).toBe(false)
  })
})

describe('probeFetchFailure', () => {
  const answering: typeof fetch = () => Promise.resolve(new Response(null, { status: 200 }))
  const silent: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'))

  it('calls it CORS when the host answers a no-cors request', async () => {
    const asked: RequestInit[] = []
    const fetch: typeof globalThis.fetch = (_url, init = {}) => {
      asked.push(init)
      return answering(_url, init)
    }
    expect(await probeFetchFailure('https://iot.eu-west-1.amazonaws.com/jobs', { fetch })).toBe(
      'cors',
    )
    expect(asked[0]).toMatchObject({ mode: 'no-cors', credentials: 'omit' })
  })

  it('calls it the network when the host does not answer, or the browser is offline', async () => {
    expect(
      await probeFetchFailure('https://iot.eu-west-1.amazonaws.com/jobs', { fetch: silent }),
    ).toBe('network')
    expect(
      await probeFetchFailure('https://iot.eu-west-1.amazonaws.com/jobs', {
        fetch: answering,
        isOnline: () => false,
      }),
    ).toBe('network')
  })
})

describe('cliCommandOf', () => {
  it('names the AWS CLI command of the same operation', () => {
    expect(cliCommandOf('IoTClient', 'ListJobs')).toBe('aws iot list-jobs')
    expect(cliCommandOf('IoTDataPlaneClient', 'GetThingShadow')).toBe(
      'aws iot-data get-thing-shadow',
    )
    expect(cliCommandOf('S3Client', 'ListObjectsV2')).toBe('aws s3api list-objects-v2')
    expect(cliCommandOf(undefined, 'ListJobs')).toBeUndefined()
  })
})

describe('corsRefusalMessage', () => {
  const listJobs: FailedRequest = {
    clientName: 'IoTClient',
    operation: 'ListJobs',
    url: 'https://iot.eu-west-1.amazonaws.com/jobs',
    cause: 'cors',
  }

  it('names the operation, the address, the workaround and where to read more', () => {
    const message = corsRefusalMessage(listJobs, 'load the jobs')
    expect(message).toMatch(
      /^Could not load the jobs: AWS answered ListJobs \(https:\/\/iot\.eu-west-1\.amazonaws\.com\/jobs\)/,
    )
    expect(message).toContain('CORS')
    expect(message).toContain('retrying will not help')
    expect(message).toContain('aws iot list-jobs')
    expect(message).toContain('“CORS refusals”')
  })

  it('points at the bucket’s CORS rules for S3, naming the page’s origin', () => {
    const message = corsRefusalMessage(
      {
        clientName: 'S3Client',
        operation: 'PutObject',
        url: 'https://fw.s3.eu-west-1.amazonaws.com/lamp-v2/2.0.0.bin',
        cause: 'cors',
      },
      'upload the firmware',
      'https://fleet.example.com',
    )
    expect(message).toContain('AWS answered PutObject')
    expect(message).toContain('The bucket’s CORS rules must allow https://fleet.example.com')
  })
})
