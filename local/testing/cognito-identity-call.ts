import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'
import { REGION } from '../config.ts'

/**
 * One call to the Cognito identity pool API (awsJson1.1), signed when
 * credentials are given. The package has no client-cognito-identity, and
 * Amplify's own identity client sends only GetId and
 * GetCredentialsForIdentity, so tests speak the wire directly.
 */
export interface IdentityCallResult {
  readonly status: number
  readonly body: Record<string, unknown>
}

export async function cognitoIdentityCall(
  endpoint: string,
  operation: string,
  input: Record<string, unknown>,
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): Promise<IdentityCallResult> {
  const url = new URL(endpoint)
  const request = {
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    headers: {
      host: url.host,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityService.${operation}`,
    },
    body: JSON.stringify(input),
  }
  const signed =
    credentials === undefined
      ? request
      : await new SignatureV4({
          credentials,
          region: REGION,
          service: 'cognito-identity',
          sha256: Hash.bind(null, 'sha256'),
        }).sign(request)
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: signed.headers,
    body: request.body,
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}
