import { request as httpRequest } from 'node:http'
import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'
import {
  CreateThingCommand,
  DescribeThingCommand,
  IoTClient,
  ListCACertificatesCommand,
  ListThingsCommand,
} from '@aws-sdk/client-iot'
import { describe, expect, it } from 'vitest'
import { ADMIN_CREDENTIALS } from '../config.ts'
import { useLocalCloudFixture, uniqueName } from '../testing/local-cloud-fixture.ts'
import { VIEWER_KEY, withViewerKey } from '../testing/viewer-key.ts'

const VIEWER = VIEWER_KEY

const cloud = useLocalCloudFixture({ credentials: withViewerKey })

function client(accessKeyId: string, secretAccessKey: string): IoTClient {
  return new IoTClient({
    region: 'us-east-1',
    endpoint: cloud.endpoint,
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  })
}

/** A request with exactly the path and Host given: fetch would normalise both. */
function rawRequest(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(cloud.endpoint)
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, path, method: 'GET', headers },
      (response) => {
        response.resume()
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers }),
        )
      },
    )
    request.on('error', reject)
    request.end()
  })
}

async function signedFetch(
  service: string,
  path: string,
  init: {
    method: string
    body?: string
    secret?: string
    date?: Date
    headers?: Record<string, string>
  },
) {
  const url = new URL(path, cloud.endpoint)
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: ADMIN_CREDENTIALS.accessKeyId,
      secretAccessKey: init.secret ?? ADMIN_CREDENTIALS.secretAccessKey,
    },
    region: 'us-east-1',
    service,
    sha256: Hash.bind(null, 'sha256'),
  })
  const signed = await signer.sign(
    {
      method: init.method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: { host: url.host, 'content-type': 'application/json', ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
    },
    init.date === undefined ? {} : { signingDate: init.date },
  )
  return fetch(url, {
    method: init.method,
    headers: signed.headers,
    ...(init.body === undefined ? {} : { body: init.body }),
  })
}

describe('the edge', () => {
  it('answers the health check without credentials', async () => {
    const response = await fetch(new URL('/_fleetdeck/health', cloud.endpoint))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ready' })
  })

  it('refuses unsigned requests as AWS does', async () => {
    const response = await fetch(new URL('/things', cloud.endpoint))
    expect(response.status).toBe(403)
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException')
  })

  it('refuses a wrong secret, an unknown key and a stale signature', async () => {
    await expect(
      client('test', 'not-the-secret').send(new ListThingsCommand({})),
    ).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
    })
    await expect(client('nobody', 'x').send(new ListThingsCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    })
    const stale = await signedFetch('iot', '/things', {
      method: 'GET',
      date: new Date(Date.now() - 20 * 60_000),
    })
    expect(stale.status).toBe(403)
    expect(await stale.json()).toMatchObject({
      message: expect.stringContaining('Signature expired'),
    })
  })

  it('refuses a body changed after signing', async () => {
    const url = new URL(`/things/${uniqueName('tampered')}`, cloud.endpoint)
    const signer = new SignatureV4({
      credentials: ADMIN_CREDENTIALS,
      region: 'us-east-1',
      service: 'iot',
      sha256: Hash.bind(null, 'sha256'),
    })
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      headers: { host: url.host, 'content-type': 'application/json' },
      body: '{}',
    })
    const response = await fetch(url, {
      method: 'POST',
      headers: signed.headers,
      body: '{"thingTypeName":"x"}',
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException')
  })

  it('accepts the legacy execute-api signing name for the control plane', async () => {
    const thingName = uniqueName('legacy')
    const created = await signedFetch('execute-api', `/things/${thingName}`, {
      method: 'POST',
      body: '{}',
    })
    expect(created.status).toBe(200)
    expect(await cloud.iot.send(new DescribeThingCommand({ thingName }))).toMatchObject({
      thingName,
    })
  })

  it('answers an operation it does not emulate with a clear error, not a fake success', async () => {
    await expect(cloud.iot.send(new ListCACertificatesCommand({}))).rejects.toMatchObject({
      name: 'NotImplementedException',
      message: expect.stringContaining('does not implement GET /cacertificates'),
      $metadata: { httpStatusCode: 501 },
    })
  })

  it('lets a viewer read and refuses every change, on the server', async () => {
    const viewer = client(VIEWER.accessKeyId, VIEWER.secretAccessKey)
    expect((await viewer.send(new ListThingsCommand({}))).things).toBeDefined()
    const thingName = uniqueName('by-viewer')
    await expect(viewer.send(new CreateThingCommand({ thingName }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    })
    await expect(cloud.iot.send(new DescribeThingCommand({ thingName }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    })
  })

  it('refuses a signature scoped to another region', async () => {
    const elsewhere = new IoTClient({
      region: 'eu-west-1',
      endpoint: cloud.endpoint,
      credentials: ADMIN_CREDENTIALS,
      maxAttempts: 1,
    })
    await expect(elsewhere.send(new ListThingsCommand({}))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringContaining("not 'eu-west-1'"),
    })
  })

  it('refuses an unsigned body outside S3', async () => {
    const response = await signedFetch('iot', `/things/${uniqueName('unsigned')}`, {
      method: 'POST',
      body: '{}',
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException')
  })

  it('refuses requests addressed to a host other than the loopback (DNS rebinding)', async () => {
    const { status, headers } = await rawRequest('/_fleetdeck/health', {
      host: `evil.example:${new URL(cloud.endpoint).port}`,
    })
    expect(status).toBe(403)
    expect(headers['x-amzn-errortype']).toBe('ForbiddenException')
  })

  it('refuses paths with dot segments, which the signature would read differently', async () => {
    const { status, headers } = await rawRequest('/things/./x')
    expect(status).toBe(400)
    expect(headers['x-amzn-errortype']).toBe('InvalidRequestException')
  })

  it('gives browsers on other origins no CORS permission', async () => {
    const response = await fetch(new URL('/things', cloud.endpoint), {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('answers CORS preflights for browsers, naming the SDK headers', async () => {
    const response = await fetch(new URL('/things', cloud.endpoint), {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'GET' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173')
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization')
    expect(response.headers.get('access-control-expose-headers')).toContain('x-amzn-errortype')
  })
})
