import { timingSafeEqual } from 'node:crypto'
import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'
import { sha256Hex } from './sigv4-crypto.ts'

/**
 * Verifies AWS Signature Version 4 by signing the request again with the
 * SDK's own signer and comparing signatures, so the local cloud refuses
 * exactly what AWS would refuse for a bad signature. It reports what is
 * wrong; authenticate.ts words it as the service at hand would.
 */
export interface SigV4Credentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
}

export interface SignatureScope {
  readonly accessKeyId: string
  readonly date: string
  readonly region: string
  readonly service: string
  readonly signedHeaders: readonly string[]
  readonly signature: string
}

export interface SignedRequest {
  readonly method: string
  readonly url: URL
  /** The path exactly as it arrived, still percent-encoded. */
  readonly rawPath: string
  readonly headers: Headers
  readonly body: Uint8Array
}

export interface SignatureFailure {
  readonly kind:
    | 'incomplete'
    | 'skewed'
    | 'wrongRegion'
    | 'unsignedHeaders'
    | 'badContentSha256'
    | 'payloadMismatch'
    | 'badSignature'
  readonly detail: string
}

const SHA256_HEX = /^[0-9a-f]{64}$/

/** The values S3 takes in x-amz-content-sha256 besides a digest. */
const S3_PAYLOAD_MARKERS = new Set([
  'UNSIGNED-PAYLOAD',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
])

/**
 * `x-amz-*` headers the signature does not cover. AWS refuses them: an
 * unsigned `x-amz-copy-source` would turn a pre-signed PutObject into a copy.
 */
export function unsignedAmzHeaders(headers: Headers, signedHeaders: readonly string[]): string[] {
  const unsigned: string[] = []
  for (const name of headers.keys()) {
    if (name.startsWith('x-amz-') && !signedHeaders.includes(name)) unsigned.push(name)
  }
  return unsigned
}

/** AWS allows 15 minutes between the signing time and its own clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/

/** Reads the credential scope of a header-signed request, or undefined when unsigned. */
export function parseAuthorization(header: string | null): SignatureScope | undefined {
  if (header === null) return undefined
  const match = AUTHORIZATION.exec(header.trim())
  if (match === null) return undefined
  const [
    ,
    accessKeyId = '',
    date = '',
    region = '',
    service = '',
    signedHeaders = '',
    signature = '',
  ] = match
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature }
}

/** Compares hex signatures in constant time, so timing reveals nothing of the expected one. */
export function sameSignature(expected: string, presented: string): boolean {
  const a = Buffer.from(expected)
  const b = Buffer.from(presented)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** X-Amz-Date's basic ISO 8601 form (20261122T101500Z), or undefined. */
export function parseAmzDate(value: string | null): Date | undefined {
  const match = value === null ? null : /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (match === null) return undefined
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second))
}

function queryObject(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key)
    query[key] = values.length === 1 ? (values[0] ?? '') : values
  }
  return query
}

export async function verifySignature(
  request: SignedRequest,
  scope: SignatureScope,
  credentials: SigV4Credentials,
  realNowMs: number,
  expectedRegion: string,
): Promise<SignatureFailure | undefined> {
  const signingDate = parseAmzDate(request.headers.get('x-amz-date'))
  if (signingDate === undefined || !scope.signedHeaders.includes('host')) {
    return {
      kind: 'incomplete',
      detail: 'The request must carry an X-Amz-Date header and sign the host header.',
    }
  }
  if (Math.abs(realNowMs - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    return {
      kind: 'skewed',
      detail: `Signature expired: ${request.headers.get('x-amz-date')} is not within 15 minutes of the server time.`,
    }
  }
  if (scope.region !== expectedRegion) {
    return {
      kind: 'wrongRegion',
      detail: `Credential should be scoped to a valid region, not '${scope.region}'. This endpoint serves ${expectedRegion}.`,
    }
  }
  const unsigned = unsignedAmzHeaders(request.headers, scope.signedHeaders)
  if (unsigned.length > 0) {
    return {
      kind: 'unsignedHeaders',
      detail: `There were headers present in the request which were not signed: ${unsigned.join(', ')}.`,
    }
  }
  const claimedDigest = request.headers.get('x-amz-content-sha256')
  const isDigest = claimedDigest !== null && SHA256_HEX.test(claimedDigest)
  // Only S3 lets a client leave the body out of the signature, and S3 wants
  // the header on every request.
  if (
    scope.service === 's3'
      ? claimedDigest === null || !(isDigest || S3_PAYLOAD_MARKERS.has(claimedDigest))
      : claimedDigest !== null && !isDigest
  ) {
    return {
      kind: 'badContentSha256',
      detail: `x-amz-content-sha256 must be the body's SHA-256 for ${scope.service}.`,
    }
  }
  // A signed x-amz-content-sha256 stands in for the body in the signature, so
  // it must be the body's real digest, or a body swapped after signing passes.
  if (isDigest && claimedDigest !== sha256Hex(request.body)) {
    return {
      kind: 'payloadMismatch',
      detail: 'The provided x-amz-content-sha256 header does not match what was computed.',
    }
  }
  const headers: Record<string, string> = {}
  for (const name of scope.signedHeaders) headers[name] = request.headers.get(name) ?? ''
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
    },
    region: scope.region,
    service: scope.service,
    sha256: Hash.bind(null, 'sha256'),
    // S3 signs the path as sent; every other service encodes it once more.
    uriEscapePath: scope.service !== 's3',
    applyChecksum: false,
  })
  const resigned = await signer.sign(
    {
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      path: request.rawPath,
      query: queryObject(request.url),
      headers,
      body: request.body,
    },
    { signingDate, signableHeaders: new Set(scope.signedHeaders) },
  )
  const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers.authorization))?.[1]
  if (expected === undefined || !sameSignature(expected, scope.signature)) {
    return { kind: 'badSignature', detail: 'The signature does not match.' }
  }
  return undefined
}
