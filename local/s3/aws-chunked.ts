import { createHmac } from 'node:crypto'
import { s3Error } from './s3-errors.ts'
import { EMPTY_SHA256, sha256Hex, signingKey } from '../edge/sigv4-crypto.ts'

/**
 * The aws-chunked body framing of S3 streaming uploads, decoded back to the
 * object's bytes: `<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n` per chunk,
 * a zero-size last chunk, then (for the -TRAILER variants) trailing headers
 * such as `x-amz-checksum-crc32:<base64>`. For the signed variants each chunk
 * signature chains from the previous one, starting at the request's seed
 * signature, and the trailer carries a signature of its own.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html
 */
export const STREAMING_PAYLOADS = [
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
] as const
export type StreamingPayload = (typeof STREAMING_PAYLOADS)[number]

export function streamingPayloadOf(contentSha256: string | null): StreamingPayload | undefined {
  return STREAMING_PAYLOADS.find((payload) => payload === contentSha256)
}

/** What signed chunks are verified with: the request's signing key, time and scope, and its seed signature. */
export interface ChunkSigning {
  readonly signingKey: Buffer
  /** X-Amz-Date of the request, e.g. 20130524T000000Z. */
  readonly amzDate: string
  /** `<date>/<region>/s3/aws4_request`. */
  readonly scope: string
  readonly seedSignature: string
}

export interface DecodedAwsChunked {
  readonly payload: Uint8Array
  /** Trailing headers by lower-cased name, without x-amz-trailer-signature. */
  readonly trailers: ReadonlyMap<string, string>
}

/** S3 refuses chunks below 8 KiB except the last one that carries data. */
export const MIN_CHUNK_BYTES = 8192

const CRLF = Buffer.from('\r\n')

export function signingKeyFor(secretAccessKey: string, date: string, region: string): Buffer {
  return signingKey(secretAccessKey, date, region, 's3')
}

export function chunkSignature(signing: ChunkSigning, previous: string, chunk: Uint8Array): string {
  const stringToSign = [
    'AWS4-HMAC-SHA256-PAYLOAD',
    signing.amzDate,
    signing.scope,
    previous,
    EMPTY_SHA256,
    sha256Hex(chunk),
  ].join('\n')
  return createHmac('sha256', signing.signingKey).update(stringToSign).digest('hex')
}

/** Trailing headers are signed as `name:value\n` lines in the order sent. */
export function trailerSignature(
  signing: ChunkSigning,
  previous: string,
  trailers: readonly (readonly [string, string])[],
): string {
  const canonical = trailers.map(([name, value]) => `${name}:${value}\n`).join('')
  const stringToSign = [
    'AWS4-HMAC-SHA256-TRAILER',
    signing.amzDate,
    signing.scope,
    previous,
    sha256Hex(canonical),
  ].join('\n')
  return createHmac('sha256', signing.signingKey).update(stringToSign).digest('hex')
}

const incompleteBody = () =>
  s3Error('IncompleteBody', 400, 'The request body terminated unexpectedly')
const signatureMismatch = () =>
  s3Error(
    'SignatureDoesNotMatch',
    403,
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  )

export function decodeAwsChunked(
  body: Uint8Array,
  payload: StreamingPayload,
  signing?: ChunkSigning,
): DecodedAwsChunked {
  const isSigned = payload !== 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'
  const hasTrailer = payload.endsWith('-TRAILER')
  if (isSigned && signing === undefined)
    throw new Error('Signed chunks need the request signature.')
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  const chunks: Buffer[] = []
  let previous = signing?.seedSignature ?? ''
  let position = 0
  for (;;) {
    const lineEnd = bytes.indexOf(CRLF, position)
    if (lineEnd < 0 || lineEnd - position > 1024) throw incompleteBody()
    const [sizeField = '', ...extensions] = bytes.toString('latin1', position, lineEnd).split(';')
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeField)) throw incompleteBody()
    const size = Number.parseInt(sizeField, 16)
    const start = lineEnd + 2
    if (start + size > bytes.length) throw incompleteBody()
    const chunk = bytes.subarray(start, start + size)
    if (isSigned && signing !== undefined) {
      const sent = extensions
        .map((extension) => /^chunk-signature=([0-9a-f]{64})$/.exec(extension.trim())?.[1])
        .find((signature) => signature !== undefined)
      const expected = chunkSignature(signing, previous, chunk)
      if (sent !== expected) throw signatureMismatch()
      previous = expected
    }
    position = start + size
    if (size === 0) break
    chunks.push(chunk)
    if (!bytes.subarray(position, position + 2).equals(CRLF)) throw incompleteBody()
    position += 2
  }
  chunks.slice(0, -1).forEach((chunk, index) => {
    if (chunk.length < MIN_CHUNK_BYTES) {
      throw s3Error(
        'InvalidChunkSizeError',
        403,
        `Only the last chunk is allowed to have a size less than ${MIN_CHUNK_BYTES} bytes`,
        { Chunk: index + 1, BadChunkSize: chunk.length },
      )
    }
  })

  const trailers = new Map<string, string>()
  if (hasTrailer) {
    // Lines end in CRLF; some clients end trailer lines in a bare LF, so both are read.
    const lines = bytes
      .toString('latin1', position)
      .split(/\r?\n/)
      .filter((line) => line !== '')
    const sent: [string, string][] = []
    let sentSignature: string | undefined
    for (const line of lines) {
      const colon = line.indexOf(':')
      if (colon <= 0) throw incompleteBody()
      const name = line.slice(0, colon).trim().toLowerCase()
      const value = line.slice(colon + 1).trim()
      if (name === 'x-amz-trailer-signature') sentSignature = value
      else sent.push([name, value])
    }
    if (isSigned && signing !== undefined) {
      if (sentSignature !== trailerSignature(signing, previous, sent)) throw signatureMismatch()
    }
    for (const [name, value] of sent) trailers.set(name, value)
  }
  return { payload: Buffer.concat(chunks), trailers }
}
