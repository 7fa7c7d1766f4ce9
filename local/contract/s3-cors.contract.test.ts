import { request as httpRequest } from 'node:http'
import {
  CreateBucketCommand,
  DeleteBucketCorsCommand,
  GetBucketCorsCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
  type CORSRule,
  type S3Client,
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { GetObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useLocalCloudFixture, uniqueName } from '../testing/local-cloud-fixture.ts'
import { s3Client } from '../testing/s3-helpers.ts'

const cloud = useLocalCloudFixture()
let s3: S3Client
let bucket: string

const DASHBOARD = 'http://localhost:5173'
const RULES: CORSRule[] = [
  {
    ID: 'dashboard',
    AllowedOrigins: [DASHBOARD, 'http://*.localhost:5173'],
    AllowedMethods: ['GET', 'PUT', 'HEAD'],
    AllowedHeaders: ['authorization', 'content-type', 'x-amz-*', 'amz-sdk-*'],
    ExposeHeaders: ['ETag', 'x-amz-version-id'],
    MaxAgeSeconds: 600,
  },
]

beforeAll(async () => {
  s3 = s3Client(cloud.endpoint)
  bucket = uniqueName('cors')
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'fw/1.bin', Body: 'firmware' }))
  await s3.send(
    new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: RULES } }),
  )
})
afterAll(() => s3.destroy())

/** An OPTIONS request as a browser sends it before a cross-origin call; `host` may name the bucket. */
function preflight(
  path: string,
  headers: Record<string, string>,
  host?: string,
): Promise<{
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}> {
  const url = new URL(cloud.endpoint)
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'OPTIONS',
        headers: { ...headers, ...(host === undefined ? {} : { host: `${host}:${url.port}` }) },
      },
      (response) => {
        let body = ''
        response.on('data', (chunk: Buffer) => (body += chunk.toString()))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        )
      },
    )
    outgoing.on('error', reject)
    outgoing.end()
  })
}

const sdkPreflight = (origin: string, method = 'PUT') => ({
  origin,
  'access-control-request-method': method,
  'access-control-request-headers':
    'authorization,content-type,x-amz-date,x-amz-content-sha256,amz-sdk-request',
})

describe('bucket CORS configuration', () => {
  it('round-trips through PutBucketCors, GetBucketCors and DeleteBucketCors', async () => {
    const name = uniqueName('cors-config')
    await s3.send(new CreateBucketCommand({ Bucket: name }))
    await expect(s3.send(new GetBucketCorsCommand({ Bucket: name }))).rejects.toMatchObject({
      name: 'NoSuchCORSConfiguration',
      $metadata: { httpStatusCode: 404 },
    })
    await s3.send(
      new PutBucketCorsCommand({ Bucket: name, CORSConfiguration: { CORSRules: RULES } }),
    )
    expect((await s3.send(new GetBucketCorsCommand({ Bucket: name }))).CORSRules).toEqual(RULES)
    await s3.send(new DeleteBucketCorsCommand({ Bucket: name }))
    await expect(s3.send(new GetBucketCorsCommand({ Bucket: name }))).rejects.toMatchObject({
      name: 'NoSuchCORSConfiguration',
    })
  })

  it('refuses rules S3 refuses', async () => {
    await expect(
      s3.send(
        new PutBucketCorsCommand({
          Bucket: bucket,
          CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['PATCH'] }] },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidRequest', message: expect.stringContaining('PATCH') })
  })
})

describe('CORS preflights for a bucket', () => {
  it('are allowed as the bucket’s rules say', async () => {
    const allowed = await preflight(`/${bucket}/fw/2.bin`, sdkPreflight(DASHBOARD))
    expect(allowed.status).toBe(200)
    expect(allowed.headers).toMatchObject({
      'access-control-allow-origin': DASHBOARD,
      'access-control-allow-methods': 'GET, PUT, HEAD',
      'access-control-allow-headers':
        'authorization, content-type, x-amz-date, x-amz-content-sha256, amz-sdk-request',
      'access-control-expose-headers': 'ETag, x-amz-version-id',
      'access-control-max-age': '600',
      'access-control-allow-credentials': 'true',
    })
    const wildcard = await preflight(
      `/${bucket}/fw/2.bin`,
      sdkPreflight('http://app.localhost:5173', 'GET'),
    )
    expect(wildcard.headers['access-control-allow-origin']).toBe('http://app.localhost:5173')
  })

  it('are refused when no rule matches the origin, the method or a header', async () => {
    const refusals = [
      sdkPreflight('http://localhost:3000'),
      sdkPreflight(DASHBOARD, 'DELETE'),
      { ...sdkPreflight(DASHBOARD), 'access-control-request-headers': 'authorization,x-custom' },
    ]
    for (const headers of refusals) {
      const refused = await preflight(`/${bucket}/fw/2.bin`, headers)
      expect(refused.status).toBe(403)
      expect(refused.headers['access-control-allow-origin']).toBeUndefined()
      expect(refused.body).toContain('<Code>AccessForbidden</Code>')
      expect(refused.body).toContain('CORSResponse: This CORS request is not allowed.')
    }
  })

  it('are refused for a bucket without CORS, and for origins the edge does not admit', async () => {
    const plain = uniqueName('no-cors')
    await s3.send(new CreateBucketCommand({ Bucket: plain }))
    const refused = await preflight(`/${plain}/k`, sdkPreflight(DASHBOARD))
    expect(refused.status).toBe(403)
    expect(refused.body).toContain('CORSResponse: CORS is not enabled for this bucket.')
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: plain,
        CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET'] }] },
      }),
    )
    const simpleGet = (origin: string) => ({ origin, 'access-control-request-method': 'GET' })
    const local = await preflight(`/${plain}/k`, simpleGet('http://127.0.0.1:8080'))
    expect(local.headers['access-control-allow-origin']).toBe('*')
    // The admin key is public: a page elsewhere on the web is not let in even by "*".
    const foreign = await preflight(`/${plain}/k`, simpleGet('https://evil.example'))
    expect(foreign.status).toBe(403)
  })

  it('follow the rules for virtual-hosted requests too', async () => {
    const allowed = await preflight('/fw/2.bin', sdkPreflight(DASHBOARD), `${bucket}.s3.localhost`)
    expect(allowed.status).toBe(200)
    expect(allowed.headers['access-control-allow-origin']).toBe(DASHBOARD)
    const refused = await preflight(
      '/fw/2.bin',
      sdkPreflight(DASHBOARD, 'DELETE'),
      `${bucket}.localhost`,
    )
    expect(refused.status).toBe(403)
  })
})

describe('CORS headers on actual responses', () => {
  it('are added when a rule matches the origin and method, and left out otherwise', async () => {
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'fw/1.bin' }))
    const matched = await fetch(url, { headers: { origin: DASHBOARD } })
    expect(matched.status).toBe(200)
    expect(matched.headers.get('access-control-allow-origin')).toBe(DASHBOARD)
    expect(matched.headers.get('access-control-expose-headers')).toBe('ETag, x-amz-version-id')
    await matched.arrayBuffer()
    const other = await fetch(url, { headers: { origin: 'http://localhost:3000' } })
    expect(other.status).toBe(200)
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
    await other.arrayBuffer()
    const refused = await fetch(new URL(`/${bucket}/fw/1.bin`, cloud.endpoint), {
      headers: { origin: DASHBOARD },
    })
    expect(refused.status).toBe(403)
    // Errors carry the CORS headers too, so the page can read them.
    expect(refused.headers.get('access-control-allow-origin')).toBe(DASHBOARD)
  })
})
