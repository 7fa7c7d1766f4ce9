import { Hash } from '@smithy/hash-node'
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner'
import type { S3ObjectLocation } from '../../domain/s3-object-url.ts'
import { REGION } from '../config.ts'
import type { IssuedCredentials, TemporaryCredentials } from '../iam/temporary-credentials.ts'

/**
 * Pre-signs S3 GET URLs as AWS IoT Jobs does for `${aws:iot:s3-presigned-url:…}`
 * placeholders: with temporary credentials of the job's `presignedUrlConfig.roleArn`,
 * valid for `expiresInSec`, by the SDK's own presigner. The URLs point at the
 * local cloud's S3, path style, and the edge verifies them like any other.
 * Whether the device may then download the object is decided by the role's
 * permissions when the URL is used, as on AWS.
 */
export type PresignGetObject = (
  roleArn: string,
  location: S3ObjectLocation,
  expiresInSec: number,
) => Promise<string>

// One session per role serves many URLs; a new one is taken when the current
// one would expire before the URL does.
const SESSION_LIFETIME_MS = 6 * 60 * 60 * 1000
const SESSION_MARGIN_MS = 60 * 1000

export function createGetObjectPresigner({
  temporaryCredentials,
  endpointAddress,
  realNow = Date.now,
}: {
  temporaryCredentials: TemporaryCredentials
  endpointAddress: () => string
  realNow?: () => number
}): PresignGetObject {
  const sessions = new Map<string, IssuedCredentials>()
  const sessionFor = (roleArn: string, expiresInSec: number): IssuedCredentials => {
    const current = sessions.get(roleArn)
    if (
      current !== undefined &&
      current.expiresAtMs - realNow() > expiresInSec * 1000 + SESSION_MARGIN_MS &&
      temporaryCredentials.lookup(current.accessKeyId) !== undefined
    ) {
      return current
    }
    const issued = temporaryCredentials.issue(
      roleArn,
      'AWSIoTJobsPresignedUrl',
      SESSION_LIFETIME_MS,
    )
    sessions.set(roleArn, issued)
    return issued
  }

  return async (roleArn, { bucket, key }, expiresInSec) => {
    const session = sessionFor(roleArn, expiresInSec)
    const endpoint = new URL(endpointAddress())
    const presigner = new S3RequestPresigner({
      region: REGION,
      credentials: session,
      sha256: Hash.bind(null, 'sha256'),
    })
    const path = `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`
    const signed = await presigner.presign(
      {
        method: 'GET',
        protocol: endpoint.protocol,
        hostname: endpoint.hostname,
        ...(endpoint.port === '' ? {} : { port: Number(endpoint.port) }),
        path,
        query: {},
        headers: { host: endpoint.host },
      },
      { expiresIn: expiresInSec, signingDate: new Date(realNow()) },
    )
    const query = new URLSearchParams()
    for (const [name, value] of Object.entries(signed.query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value])
        if (item !== null) query.append(name, item)
    }
    return `${endpoint.origin}${path}?${query.toString()}`
  }
}
