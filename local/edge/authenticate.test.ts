import { Hash } from '@smithy/hash-node'
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner'
import { describe, expect, it } from 'vitest'
import { authenticate, type Caller, type CredentialDirectory } from './authenticate.ts'
import type { EdgeRequest } from './edge-request.ts'

const KEY = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' }
const NOW = Date.UTC(2026, 10, 22, 10, 0, 0)
const caller: Caller = {
  credentials: KEY,
  principal: { role: 'viewer', accessKeyId: KEY.accessKeyId, arn: 'arn:aws:sts::000000000000:x' },
  expiresAtMs: NOW + 3_600_000,
}
const directory: CredentialDirectory = {
  lookup: (id) => (id === KEY.accessKeyId ? caller : undefined),
}

/** A URL signed by the SDK's own S3 presigner, independent of the verifier under test. */
async function presignedGet(path: string, expiresIn: number, signedAtMs = NOW): Promise<URL> {
  const presigner = new S3RequestPresigner({
    region: 'us-east-1',
    credentials: KEY,
    sha256: Hash.bind(null, 'sha256'),
  })
  const signed = await presigner.presign(
    {
      method: 'GET',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4566,
      path,
      query: { 'x-id': 'GetObject' },
      headers: { host: '127.0.0.1:4566' },
    },
    { expiresIn, signingDate: new Date(signedAtMs) },
  )
  const url = new URL(`http://127.0.0.1:4566${path}`)
  for (const [name, value] of Object.entries(signed.query ?? {}))
    url.searchParams.set(name, String(value))
  return url
}

function request(url: URL): EdgeRequest {
  return {
    method: 'GET',
    url,
    rawPath: url.pathname,
    headers: new Headers({ host: url.host }),
    body: new Uint8Array(),
  }
}

describe('authenticate with a pre-signed URL', () => {
  it('accepts a URL the SDK signed, until it expires', async () => {
    const url = await presignedGet('/fleetdeck-firmware/sensor/a%20b.bin', 60)
    await expect(authenticate(request(url), directory, NOW + 59_000, 's3')).resolves.toBe(caller)
    await expect(authenticate(request(url), directory, NOW + 61_000, 's3')).rejects.toMatchObject({
      type: 'AccessDenied',
      status: 403,
      message: 'Request has expired',
    })
  })

  it('refuses a URL whose path, query or signature changed', async () => {
    const url = await presignedGet('/fleetdeck-firmware/a.bin', 60)
    const otherKey = new URL(url)
    otherKey.pathname = '/fleetdeck-firmware/b.bin'
    const longer = new URL(url)
    longer.searchParams.set('X-Amz-Expires', '3600')
    const forged = new URL(url)
    forged.searchParams.set('X-Amz-Signature', '0'.repeat(64))
    for (const tampered of [otherKey, longer, forged]) {
      await expect(authenticate(request(tampered), directory, NOW, 's3')).rejects.toMatchObject({
        type: 'SignatureDoesNotMatch',
        status: 403,
      })
    }
  })

  it('refuses a URL without its session token, and an unknown key', async () => {
    const url = await presignedGet('/b/a.bin', 60)
    const withoutToken = new URL(url)
    withoutToken.searchParams.delete('X-Amz-Security-Token')
    await expect(authenticate(request(withoutToken), directory, NOW, 's3')).rejects.toMatchObject({
      type: 'InvalidToken',
    })
    const unknown = new URL(url)
    unknown.searchParams.set(
      'X-Amz-Credential',
      (url.searchParams.get('X-Amz-Credential') ?? '').replace('ASIAEXAMPLE', 'ASIAOTHER'),
    )
    await expect(authenticate(request(unknown), directory, NOW, 's3')).rejects.toMatchObject({
      type: 'InvalidAccessKeyId',
    })
  })

  it('refuses credentials past their expiry, in each dialect', async () => {
    const url = await presignedGet('/b/a.bin', 60, NOW + 3_600_000)
    await expect(
      authenticate(request(url), directory, NOW + 3_600_001, 's3'),
    ).rejects.toMatchObject({ type: 'ExpiredToken', status: 400 })
    await expect(
      authenticate(request(url), directory, NOW + 3_600_001, 'json'),
    ).rejects.toMatchObject({ type: 'ExpiredTokenException', status: 403 })
  })

  it('answers an unsigned request as missing authentication', async () => {
    await expect(
      authenticate(request(new URL('http://127.0.0.1:4566/b/a.bin')), directory, NOW, 's3'),
    ).rejects.toMatchObject({ type: 'AccessDenied', status: 403 })
    await expect(
      authenticate(request(new URL('http://127.0.0.1:4566/things')), directory, NOW, 'json'),
    ).rejects.toMatchObject({ type: 'MissingAuthenticationTokenException' })
  })
})
