import { describe, expect, it } from 'vitest'
import {
  chunkSignature,
  decodeAwsChunked,
  signingKeyFor,
  trailerSignature,
  type ChunkSigning,
} from './aws-chunked.ts'

// The example of AWS's "Transferring payload in multiple chunks" page: 66,560
// bytes of "a" in a 64 KiB chunk, a 1 KiB chunk and the final empty one.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
const EXAMPLE: ChunkSigning = {
  signingKey: signingKeyFor('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '20130524', 'us-east-1'),
  amzDate: '20130524T000000Z',
  scope: '20130524/us-east-1/s3/aws4_request',
  seedSignature: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
}
const SIGNATURES = [
  'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
  '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
  'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
]
// The CRT's test of trailer signing continues the same chain with these trailers.
const TRAILERS: [string, string][] = [
  ['first', '1st'],
  ['second', '2nd'],
  ['third', '3rd'],
]
const TRAILER_SIGNATURE = 'df5735bd9f3295cd9386572292562fefc93ba94e80a0a1ddcbd652c4e0a75e6c'

const encoder = new TextEncoder()

function frame(chunks: readonly { data: Uint8Array; signature?: string }[], tail = ''): Uint8Array {
  const parts: Buffer[] = []
  for (const { data, signature } of chunks) {
    const extension = signature === undefined ? '' : `;chunk-signature=${signature}`
    parts.push(Buffer.from(`${data.length.toString(16)}${extension}\r\n`))
    if (data.length > 0) parts.push(Buffer.from(data), Buffer.from('\r\n'))
  }
  parts.push(Buffer.from(tail))
  return Buffer.concat(parts)
}

const exampleChunks = (corrupt = false) => {
  const first = new Uint8Array(65_536).fill(97)
  const second = new Uint8Array(1024).fill(97)
  if (corrupt) second[10] = 98
  return [
    { data: first, signature: SIGNATURES[0] },
    { data: second, signature: SIGNATURES[1] },
    { data: new Uint8Array(0), signature: SIGNATURES[2] },
  ]
}

describe('aws-chunked decoding', () => {
  it('computes the chunk signatures of the AWS example', () => {
    const first = chunkSignature(EXAMPLE, EXAMPLE.seedSignature, new Uint8Array(65_536).fill(97))
    const second = chunkSignature(EXAMPLE, first, new Uint8Array(1024).fill(97))
    const last = chunkSignature(EXAMPLE, second, new Uint8Array(0))
    expect([first, second, last]).toEqual(SIGNATURES)
    expect(trailerSignature(EXAMPLE, last, TRAILERS)).toBe(TRAILER_SIGNATURE)
  })

  it('decodes and verifies the signed example', () => {
    const decoded = decodeAwsChunked(
      frame(exampleChunks(), '\r\n'),
      'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      EXAMPLE,
    )
    expect(Buffer.from(decoded.payload).equals(Buffer.alloc(66_560, 97))).toBe(true)
  })

  it('refuses a chunk changed after signing, and a missing signature', () => {
    expect(() =>
      decodeAwsChunked(frame(exampleChunks(true)), 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', EXAMPLE),
    ).toThrow(expect.objectContaining({ type: 'SignatureDoesNotMatch', status: 403 }))
    const unsigned = exampleChunks().map(({ data }) => ({ data }))
    expect(() =>
      decodeAwsChunked(frame(unsigned), 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', EXAMPLE),
    ).toThrow(expect.objectContaining({ type: 'SignatureDoesNotMatch' }))
  })

  it('verifies signed trailers', () => {
    const tail = `${TRAILERS.map(([name, value]) => `${name}:${value}\r\n`).join('')}x-amz-trailer-signature:${TRAILER_SIGNATURE}\r\n\r\n`
    const decoded = decodeAwsChunked(
      frame(exampleChunks(), tail),
      'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
      EXAMPLE,
    )
    expect([...decoded.trailers]).toEqual(TRAILERS)
    expect(() =>
      decodeAwsChunked(
        frame(exampleChunks(), tail.replace('3rd', '4th')),
        'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
        EXAMPLE,
      ),
    ).toThrow(expect.objectContaining({ type: 'SignatureDoesNotMatch' }))
  })

  it('decodes the unsigned trailer form the JavaScript SDK sends', () => {
    const data = new Uint8Array(9000).map((_, index) => index % 251)
    const body = frame(
      [
        { data: data.subarray(0, 8192) },
        { data: data.subarray(8192) },
        { data: new Uint8Array(0) },
      ],
      'x-amz-checksum-crc32:AAAAAA==\r\n\r\n',
    )
    const decoded = decodeAwsChunked(body, 'STREAMING-UNSIGNED-PAYLOAD-TRAILER')
    expect(Buffer.from(decoded.payload).equals(data)).toBe(true)
    expect(decoded.trailers.get('x-amz-checksum-crc32')).toBe('AAAAAA==')
  })

  it('decodes an empty body', () => {
    const decoded = decodeAwsChunked(
      encoder.encode('0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n'),
      'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
    )
    expect(decoded.payload).toHaveLength(0)
  })

  it('refuses chunks under 8 KiB before the last one, as S3 does', () => {
    const body = frame([
      { data: encoder.encode('hel') },
      { data: encoder.encode('lo') },
      { data: new Uint8Array(0) },
    ])
    expect(() => decodeAwsChunked(body, 'STREAMING-UNSIGNED-PAYLOAD-TRAILER')).toThrow(
      expect.objectContaining({
        type: 'InvalidChunkSizeError',
        members: { Chunk: 1, BadChunkSize: 3 },
      }),
    )
  })

  it('refuses a body that ends early or is not framed', () => {
    const truncated = frame(exampleChunks()).subarray(0, 66_000)
    expect(() =>
      decodeAwsChunked(truncated, 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', EXAMPLE),
    ).toThrow(expect.objectContaining({ type: 'IncompleteBody' }))
    expect(() =>
      decodeAwsChunked(encoder.encode('hello world'), 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'),
    ).toThrow(expect.objectContaining({ type: 'IncompleteBody' }))
  })
})
