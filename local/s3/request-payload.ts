import type { Caller } from '../edge/authenticate.ts'
import type { EdgeRequest } from '../edge/edge-request.ts'
import { parseAuthorization } from '../edge/sigv4.ts'
import { decodeAwsChunked, signingKeyFor, streamingPayloadOf } from './aws-chunked.ts'
import {
  CHECKSUM_ALGORITHMS,
  checksumBase64,
  checksumHeader,
  isWellFormedChecksum,
  md5,
  parseChecksumAlgorithm,
  type ChecksumAlgorithm,
} from './checksums.ts'
import { invalidRequest, s3Error, s3NotImplemented } from './s3-errors.ts'

/**
 * The bytes a client uploaded, as S3 receives them: aws-chunked framing
 * removed (chunk signatures verified for the signed variants), and every
 * integrity value the client sent checked against those bytes: Content-MD5,
 * and one `x-amz-checksum-<algorithm>` as a header, an aws-chunked trailer,
 * or a parameter of a pre-signed URL's query (the presigner hoists
 * `x-amz-*` headers there).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
export interface ReceivedPayload {
  readonly bytes: Uint8Array
  /** The MD5 of the bytes: S3's ETag for a single-part upload. */
  readonly md5Hex: string
  /** The checksum the client sent, verified. */
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string }
  /** Whether the client sent Content-MD5 (verified). */
  readonly hasContentMd5: boolean
}

/**
 * One PutObject or UploadPart carries at most 64 MiB here (S3 takes 5 GiB):
 * the edge holds bodies in memory. Firmware images fit; bigger objects go up
 * in parts (up to 10,000 of them).
 */
export const MAX_S3_PAYLOAD_BYTES = 64 * 1024 * 1024

function declaredDecodedLength(headers: Headers): number {
  const value = headers.get('x-amz-decoded-content-length')
  if (value === null || !/^\d+$/.test(value)) {
    throw s3Error('MissingContentLength', 411, 'You must provide the Content-Length HTTP header.')
  }
  return Number(value)
}

function decodeBody(
  request: EdgeRequest,
  caller: Caller,
): {
  bytes: Uint8Array
  trailers: ReadonlyMap<string, string>
} {
  const contentSha256 = request.headers.get('x-amz-content-sha256')
  const payload = streamingPayloadOf(contentSha256)
  if (payload === undefined) {
    if (contentSha256?.startsWith('STREAMING-') === true) {
      throw s3NotImplemented(`uploads with x-amz-content-sha256: ${contentSha256} (SigV4a)`)
    }
    return { bytes: request.body, trailers: new Map() }
  }
  const expectedLength = declaredDecodedLength(request.headers)
  const scope = parseAuthorization(request.headers.get('authorization'))
  const signing =
    scope === undefined
      ? undefined
      : {
          signingKey: signingKeyFor(caller.credentials.secretAccessKey, scope.date, scope.region),
          amzDate: request.headers.get('x-amz-date') ?? '',
          scope: `${scope.date}/${scope.region}/${scope.service}/aws4_request`,
          seedSignature: scope.signature,
        }
  if (payload !== 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' && signing === undefined) {
    throw invalidRequest(`${payload} needs a request signed in the Authorization header.`)
  }
  const decoded = decodeAwsChunked(request.body, payload, signing)
  if (decoded.payload.length !== expectedLength) {
    throw s3Error(
      'IncompleteBody',
      400,
      'You did not provide the number of bytes specified by the Content-Length HTTP header',
      { NumberBytesExpected: expectedLength, NumberBytesProvided: decoded.payload.length },
    )
  }
  for (const name of (request.headers.get('x-amz-trailer') ?? '').split(',')) {
    const trailer = name.trim().toLowerCase()
    if (trailer !== '' && !decoded.trailers.has(trailer)) {
      throw s3Error(
        'IncompleteBody',
        400,
        `The trailer ${trailer} named by x-amz-trailer is missing.`,
      )
    }
  }
  return { bytes: decoded.payload, trailers: decoded.trailers }
}

/** `x-amz-checksum-*` values from the headers, the trailers and a pre-signed query. */
function sentChecksums(
  request: EdgeRequest,
  trailers: ReadonlyMap<string, string>,
): { algorithm: ChecksumAlgorithm; value: string }[] {
  const isPresigned = request.url.searchParams.has('X-Amz-Signature')
  return CHECKSUM_ALGORITHMS.flatMap((algorithm) => {
    const name = checksumHeader(algorithm)
    const value =
      request.headers.get(name) ??
      trailers.get(name) ??
      (isPresigned ? request.url.searchParams.get(name) : null)
    return value === null ? [] : [{ algorithm, value }]
  })
}

function verifyContentMd5(request: EdgeRequest, digest: Buffer): boolean {
  const sent = request.headers.get('content-md5')
  if (sent === null) return false
  if (!/^[A-Za-z0-9+/]{22}==$/.test(sent)) {
    throw s3Error('InvalidDigest', 400, 'The Content-MD5 you specified is not valid.', {
      'Content-MD5': sent,
    })
  }
  const calculated = digest.toString('base64')
  if (sent !== calculated) {
    throw s3Error(
      'BadDigest',
      400,
      'The Content-MD5 you specified did not match what we received.',
      {
        ExpectedDigest: sent,
        CalculatedDigest: calculated,
      },
    )
  }
  return true
}

export function receivePayload(request: EdgeRequest, caller: Caller): ReceivedPayload {
  const { bytes, trailers } = decodeBody(request, caller)
  if (bytes.length > MAX_S3_PAYLOAD_BYTES) {
    throw s3Error('EntityTooLarge', 400, 'Your proposed upload exceeds the maximum allowed size', {
      ProposedSize: bytes.length,
      MaxSizeAllowed: MAX_S3_PAYLOAD_BYTES,
    })
  }
  const checksums = sentChecksums(request, trailers)
  if (checksums.length > 1) {
    throw invalidRequest(
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    )
  }
  const [checksum] = checksums
  const declared = request.headers.get('x-amz-sdk-checksum-algorithm')
  if (declared !== null && checksum === undefined) {
    throw invalidRequest(
      'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.',
    )
  }
  if (checksum !== undefined) {
    const declaredAlgorithm = parseChecksumAlgorithm(declared)
    if (declared !== null && declaredAlgorithm !== checksum.algorithm) {
      throw s3Error(
        'BadDigest',
        400,
        `The ${checksum.algorithm} you specified did not match the calculated checksum.`,
      )
    }
    if (!isWellFormedChecksum(checksum.algorithm, checksum.value)) {
      throw invalidRequest(`Value for ${checksumHeader(checksum.algorithm)} header is invalid.`)
    }
    if (checksumBase64(checksum.algorithm, bytes) !== checksum.value) {
      throw s3Error(
        'BadDigest',
        400,
        `The ${checksum.algorithm} you specified did not match the calculated checksum.`,
      )
    }
  }
  const digest = md5(bytes)
  const hasContentMd5 = verifyContentMd5(request, digest)
  return {
    bytes,
    md5Hex: digest.toString('hex'),
    ...(checksum === undefined ? {} : { checksum }),
    hasContentMd5,
  }
}

/** Operations whose model requires an integrity value (DeleteObjects, PutBucketCors) refuse bodies without one. */
export function requireIntegrityValue(payload: ReceivedPayload): void {
  if (!payload.hasContentMd5 && payload.checksum === undefined) {
    throw invalidRequest('Missing required header for this request: Content-MD5')
  }
}
