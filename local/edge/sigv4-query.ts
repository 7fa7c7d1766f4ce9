import { createHmac } from 'node:crypto'
import type { SignatureScope, SignedRequest } from './sigv4.ts'
import { sha256Hex, signingKey } from './sigv4-crypto.ts'

/**
 * SigV4 in the query string: pre-signed URLs (S3 GET and PUT links, and the
 * `${aws:iot:s3-presigned-url:…}` links the Jobs service hands to devices).
 * The canonical request is rebuilt here rather than with the SDK's signer,
 * because the signer re-hoists `x-amz-*` headers into the query under its own
 * spelling and would sign a different query than the one that arrived.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 */
export interface QueryScope extends SignatureScope {
  /** X-Amz-Date, as signed. */
  readonly amzDate: string
  readonly expiresInSeconds: number
  readonly sessionToken?: string
}

/** SigV4 caps pre-signed URLs at seven days. */
export const MAX_PRESIGNED_EXPIRY_SECONDS = 7 * 24 * 60 * 60

const CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/

/** The scope of a query-signed request, or undefined when the query carries no signature. */
export function parseQueryAuthorization(url: URL): QueryScope | undefined {
  const query = url.searchParams
  if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return undefined
  const credential = CREDENTIAL.exec(query.get('X-Amz-Credential') ?? '')
  const signature = query.get('X-Amz-Signature') ?? ''
  const expires = Number(query.get('X-Amz-Expires'))
  if (credential === null || !/^[0-9a-f]{64}$/.test(signature)) return undefined
  const [, accessKeyId = '', date = '', region = '', service = ''] = credential
  const sessionToken = query.get('X-Amz-Security-Token')
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: (query.get('X-Amz-SignedHeaders') ?? '').split(';'),
    signature,
    amzDate: query.get('X-Amz-Date') ?? '',
    expiresInSeconds: Number.isInteger(expires) ? expires : Number.NaN,
    ...(sessionToken === null ? {} : { sessionToken }),
  }
}

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

function canonicalQuery(url: URL): string {
  const pairs: [string, string][] = []
  for (const [key, value] of url.searchParams) {
    if (key !== 'X-Amz-Signature') pairs.push([uriEncode(key), uriEncode(value)])
  }
  pairs.sort(([keyA, valueA], [keyB, valueB]) =>
    keyA === keyB ? (valueA < valueB ? -1 : 1) : keyA < keyB ? -1 : 1,
  )
  return pairs.map(([key, value]) => `${key}=${value}`).join('&')
}

/** The signature the secret key gives for this query-signed request. */
export function expectedQuerySignature(
  request: SignedRequest,
  scope: QueryScope,
  secretAccessKey: string,
  /** The canonical URI: S3 signs the path as sent, other services encode it once more. */
  canonicalUri: string,
  payloadHash: string,
): string {
  const canonicalHeaders = scope.signedHeaders
    .map((name) => `${name}:${(request.headers.get(name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('')
  const canonicalRequest = [
    request.method,
    canonicalUri,
    canonicalQuery(request.url),
    canonicalHeaders,
    scope.signedHeaders.join(';'),
    payloadHash,
  ].join('\n')
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/aws4_request`
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    scope.amzDate,
    credentialScope,
    sha256Hex(canonicalRequest),
  ].join('\n')
  const key = signingKey(secretAccessKey, scope.date, scope.region, scope.service)
  return createHmac('sha256', key).update(stringToSign).digest('hex')
}
