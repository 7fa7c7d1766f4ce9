import { describe, expect, it } from 'vitest'
import { SIGNED_URL_EXPIRES_IN_SECONDS, signMqttUrl } from './sign-mqtt-url.ts'

const credentials = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEB4aD+token/with+special=chars',
}
const signingDate = new Date('2026-11-22T12:34:56Z')

const sign = (endpoint: string, overrides: Partial<typeof credentials> = {}) =>
  signMqttUrl({
    endpoint,
    region: 'eu-west-1',
    credentials: { ...credentials, ...overrides },
    signingDate,
  })

describe('signMqttUrl', () => {
  it('signs GET /mqtt for iotdevicegateway with the host header only', async () => {
    const url = new URL(await sign('https://a1b2c3-ats.iot.eu-west-1.amazonaws.com'))
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe(
      'wss://a1b2c3-ats.iot.eu-west-1.amazonaws.com/mqtt',
    )
    expect(Object.fromEntries(url.searchParams)).toEqual({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'ASIAEXAMPLE/20261122/eu-west-1/iotdevicegateway/aws4_request',
      'X-Amz-Date': '20261122T123456Z',
      'X-Amz-Expires': String(SIGNED_URL_EXPIRES_IN_SECONDS),
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': expect.stringMatching(/^[0-9a-f]{64}$/),
      'X-Amz-Security-Token': credentials.sessionToken,
    })
  })

  it('appends the session token after signing, last and outside the signature', async () => {
    const endpoint = 'https://a1b2c3-ats.iot.eu-west-1.amazonaws.com'
    const withToken = new URL(await sign(endpoint))
    const otherToken = new URL(await sign(endpoint, { sessionToken: 'another-token' }))
    expect([...withToken.searchParams.keys()].at(-1)).toBe('X-Amz-Security-Token')
    expect(withToken.searchParams.get('X-Amz-Signature')).toBe(
      otherToken.searchParams.get('X-Amz-Signature'),
    )
    const otherSecret = new URL(await sign(endpoint, { secretAccessKey: 'other' }))
    expect(otherSecret.searchParams.get('X-Amz-Signature')).not.toBe(
      withToken.searchParams.get('X-Amz-Signature'),
    )
  })

  it('leaves the token out when the credentials have none', async () => {
    const url = new URL(
      await signMqttUrl({
        endpoint: 'https://a1b2c3-ats.iot.eu-west-1.amazonaws.com',
        region: 'eu-west-1',
        credentials: { accessKeyId: 'AKIA', secretAccessKey: 'secret' },
        signingDate,
      }),
    )
    expect(url.searchParams.has('X-Amz-Security-Token')).toBe(false)
  })

  it('uses ws:// and keeps the port for an http endpoint (the local cloud)', async () => {
    const url = new URL(await sign('http://127.0.0.1:4566'))
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe('ws://127.0.0.1:4566/mqtt')
  })

  it('signs the host as the browser sends it: with a port only when it is not the default', async () => {
    const signature = async (endpoint: string) =>
      new URL(await sign(endpoint)).searchParams.get('X-Amz-Signature')
    expect(await signature('https://iot.example.com')).toBe(
      await signature('https://iot.example.com:443'),
    )
    expect(await signature('https://iot.example.com:8443')).not.toBe(
      await signature('https://iot.example.com'),
    )
  })
})
