import { describe, expect, it } from 'vitest'
import { AttachIotPolicyError, attachIotPolicy, iotPolicyAttachment } from './attach-iot-policy.ts'

const URL_OF_FUNCTION = 'https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws/'
const credentials = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'secret',
  sessionToken: 'session-token',
}

interface Sent {
  readonly url: string
  readonly init: RequestInit
}

function fakeFetch(status = 200) {
  const sent: Sent[] = []
  const fetch: typeof globalThis.fetch = (input, init = {}) => {
    sent.push({ url: input instanceof Request ? input.url : input.toString(), init })
    return Promise.resolve(new Response('{}', { status }))
  }
  return { sent, fetch }
}

describe('attachIotPolicy', () => {
  it('POSTs the ID token to the function URL, SigV4-signed for lambda, without a Host header', async () => {
    const { sent, fetch } = fakeFetch()
    await attachIotPolicy({
      url: URL_OF_FUNCTION,
      region: 'eu-west-1',
      credentials,
      idToken: 'id.token.jwt',
      fetch,
      signingDate: new Date('2026-11-22T12:00:00Z'),
    })
    expect(sent).toHaveLength(1)
    const [{ url, init } = { url: '', init: {} }] = sent
    expect(url).toBe(URL_OF_FUNCTION)
    expect(init.method).toBe('POST')
    expect(typeof init.body === 'string' && JSON.parse(init.body)).toEqual({
      idToken: 'id.token.jwt',
    })
    const headers = new Headers(init.headers)
    expect(headers.get('authorization')).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE\/20261122\/eu-west-1\/lambda\/aws4_request, SignedHeaders=content-type;host;x-amz-[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
    )
    expect(headers.get('x-amz-security-token')).toBe('session-token')
    expect(headers.get('x-amz-date')).toBe('20261122T120000Z')
    expect(headers.get('content-type')).toBe('application/json')
    expect(headers.has('host')).toBe(false)
  })

  it('fails with the status the function answered', async () => {
    const { fetch } = fakeFetch(403)
    const attempt = attachIotPolicy({
      url: URL_OF_FUNCTION,
      region: 'eu-west-1',
      credentials,
      idToken: 't',
      fetch,
    })
    await expect(attempt).rejects.toBeInstanceOf(AttachIotPolicyError)
    await expect(attempt).rejects.toMatchObject({ status: 403 })
  })
})

describe('iotPolicyAttachment', () => {
  it('attaches once per user, and again after a failure', async () => {
    const attached: string[] = []
    let failNext = true
    let subject = 'user-1'
    const ensure = iotPolicyAttachment({
      attach: (_credentials, idToken) => {
        if (failNext) {
          failNext = false
          return Promise.reject(new AttachIotPolicyError(502))
        }
        attached.push(idToken)
        return Promise.resolve()
      },
      idTokenOf: () => Promise.resolve({ token: `token-of-${subject}`, subject }),
    })
    await expect(ensure(credentials)).rejects.toBeInstanceOf(AttachIotPolicyError)
    await ensure(credentials)
    await ensure(credentials)
    expect(attached).toEqual(['token-of-user-1'])
    subject = 'user-2'
    await ensure(credentials)
    expect(attached).toEqual(['token-of-user-1', 'token-of-user-2'])
  })
})
