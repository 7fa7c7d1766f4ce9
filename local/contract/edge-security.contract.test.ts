import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'
import { DescribeThingCommand, ResourceNotFoundException } from '@aws-sdk/client-iot'
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_CREDENTIALS, REGION } from '../config.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import { s3Client } from '../testing/s3-helpers.ts'

/**
 * The admin key is public, so the edge must not let a web page, or a URL
 * signed for one purpose, do more than it was signed for.
 */
const cloud = useLocalCloudFixture()
const BUCKET = 'security-tests'
let s3: S3Client

beforeAll(async () => {
  s3 = s3Client(cloud.endpoint, {
    forcePathStyle: true,
    // Pre-signed PUTs made with the default would carry an empty body's CRC32.
    requestChecksumCalculation: 'WHEN_REQUIRED',
  })
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }))
})

function signer(service: string) {
  return new SignatureV4({
    credentials: ADMIN_CREDENTIALS,
    region: REGION,
    service,
    sha256: Hash.bind(null, 'sha256'),
  })
}

/** CreateThing signed with the admin key, as a page that knows the key could sign it. */
async function createThingFrom(thingName: string, browserHeaders: Record<string, string>) {
  const url = new URL(`/things/${thingName}`, cloud.endpoint)
  const signed = await signer('iot').sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: {},
    headers: { host: url.host, 'content-type': 'text/plain', ...browserHeaders },
    body: '{}',
  })
  return fetch(url, { method: 'POST', headers: signed.headers, body: '{}' })
}

async function thingExists(thingName: string): Promise<boolean> {
  return cloud.iot.send(new DescribeThingCommand({ thingName })).then(
    () => true,
    (error: unknown) => {
      if (error instanceof ResourceNotFoundException) return false
      throw error
    },
  )
}

describe('requests from web pages', () => {
  it('refuses a signed write from a foreign origin, and changes nothing', async () => {
    const thingName = uniqueName('from-evil')
    const response = await createThingFrom(thingName, { origin: 'https://evil.example' })
    expect(response.status).toBe(403)
    expect(response.headers.get('x-amzn-errortype')).toBe('ForbiddenException')
    expect(await thingExists(thingName)).toBe(false)
  })

  it('refuses a cross-site request that hides its origin', async () => {
    const thingName = uniqueName('cross-site')
    const response = await createThingFrom(thingName, { 'sec-fetch-site': 'cross-site' })
    expect(response.status).toBe(403)
    expect(await thingExists(thingName)).toBe(false)
  })

  it('serves the dashboard origin', async () => {
    const thingName = uniqueName('from-dashboard')
    const response = await createThingFrom(thingName, { origin: 'http://127.0.0.1:5173' })
    expect(response.status).toBe(200)
    expect(await thingExists(thingName)).toBe(true)
  })
})

describe('signatures in the query string', () => {
  it('are taken by S3 only', async () => {
    const url = new URL(`/things/${uniqueName('presigned')}`, cloud.endpoint)
    const presigned = await signer('iot').presign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: { host: url.host },
    })
    const query = new URLSearchParams(presigned.query as Record<string, string>)
    const response = await fetch(`${url.href}?${query.toString()}`, { method: 'POST', body: '{}' })
    expect(response.status).toBe(403)
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException')
  })

  it('sign nothing for another service: an S3 URL replayed to Cognito is refused', async () => {
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: BUCKET, Key: 'x' }), {
      expiresIn: 60,
    })
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'AWSCognitoIdentityProviderService.CreateUserPool',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: JSON.stringify({ PoolName: 'sneaky' }),
    })
    expect(response.status).toBe(403)
  })

  it('refuse x-amz- headers the URL did not sign, such as a copy source', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'secret', Body: 'secret' }))
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: BUCKET, Key: 'upload' }), {
      expiresIn: 60,
    })
    const response = await fetch(url, {
      method: 'PUT',
      headers: { 'x-amz-copy-source': `/${BUCKET}/secret` },
    })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('not signed')
    expect(cloud.running.cloud.s3.getObject(BUCKET, 'upload')).toBeUndefined()
  })

  it('are not valid before their date', async () => {
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: BUCKET, Key: 'later' }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() + 24 * 60 * 60 * 1000),
    })
    const response = await fetch(url, { method: 'PUT', body: 'x' })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('Request is not valid yet')
  })
})
