import { createHash, createHmac } from 'node:crypto'

/**
 * The hashing steps SigV4 shares between header, query-string and streaming
 * (aws-chunked) signatures.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/** The digest of an empty payload, which SigV4 signs for requests without a body. */
export const EMPTY_SHA256 = sha256Hex('')

export function hmacSha256(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest()
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function signingKey(
  secretAccessKey: string,
  date: string,
  region: string,
  service: string,
): Buffer {
  const dateKey = hmacSha256(`AWS4${secretAccessKey}`, date)
  return hmacSha256(hmacSha256(hmacSha256(dateKey, region), service), 'aws4_request')
}
