import { lookup } from 'node:dns'
import { Agent } from 'node:http'
import type { LookupFunction } from 'node:net'
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3'
import { ADMIN_CREDENTIALS, REGION } from '../config.ts'

/** An S3 client for the local cloud, configured as an application would configure it for AWS. */
export function s3Client(endpoint: string, config: Partial<S3ClientConfig> = {}): S3Client {
  return new S3Client({
    region: REGION,
    endpoint,
    credentials: ADMIN_CREDENTIALS,
    // Tests should see the first error, not a retried one.
    maxAttempts: 1,
    ...config,
  })
}

const lookupLocalhost: LookupFunction = (hostname, options, callback) => {
  if (hostname !== 'localhost' && !hostname.endsWith('.localhost')) {
    lookup(hostname, options, callback)
  } else if (options.all === true) {
    callback(null, [{ address: '127.0.0.1', family: 4 }])
  } else {
    callback(null, '127.0.0.1', 4)
  }
}

/**
 * An HTTP agent that resolves `localhost` and every `*.localhost` name to
 * 127.0.0.1, as browsers do (RFC 6761 §6.3) but the system resolver here does
 * not, so the SDK's virtual-hosted requests (`bucket.localhost:port`) reach
 * the local cloud.
 */
export function localhostAgent(): Agent {
  return new Agent({ lookup: lookupLocalhost })
}

/** An S3 client whose requests go virtual-hosted style to `<bucket>.localhost:<port>`. */
export function virtualHostedS3Client(
  endpoint: string,
  config: Partial<S3ClientConfig> = {},
): S3Client {
  const url = new URL(endpoint)
  return s3Client(`http://localhost:${url.port}`, {
    requestHandler: { httpAgent: localhostAgent() },
    ...config,
  })
}

/** Bytes 0…255 repeating, offset so equal sizes still differ between calls. */
export function binaryBytes(size: number, seed = 0): Buffer<ArrayBuffer> {
  const bytes = Buffer.alloc(size)
  for (let index = 0; index < size; index++) bytes[index] = (index * 31 + seed) % 256
  return bytes
}
