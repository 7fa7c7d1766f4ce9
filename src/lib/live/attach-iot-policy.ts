import { Sha256 } from '@aws-crypto/sha256-browser'
import { SignatureV4 } from '@smithy/signature-v4'
import type { SessionCredentials } from '@/lib/auth/session-credentials.ts'

/**
 * On AWS a Cognito identity's MQTT connection is authorized only when an IoT
 * policy is attached to the identity as well as its IAM role allowing it
 * (https://docs.aws.amazon.com/iot/latest/developerguide/cognito-identities.html).
 * Browsers may not call AttachPolicy themselves; the deployment's function
 * (infra/functions/attach-iot-policy) attaches the dashboard's policy to the
 * identity the caller's ID token proves. Its URL has AWS_IAM auth, so the
 * POST of `{"idToken": …}` is SigV4-signed for the service `lambda`
 * (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html). The local
 * cloud authorizes by IAM role alone and has no such function.
 */
export class AttachIotPolicyError extends Error {
  override readonly name = 'AttachIotPolicyError'

  constructor(readonly status: number) {
    super(`Attaching the IoT policy for live updates failed (HTTP ${String(status)}).`)
  }
}

export interface AttachIotPolicyInput {
  readonly url: string
  readonly region: string
  readonly credentials: SessionCredentials
  readonly idToken: string
  readonly fetch?: typeof globalThis.fetch
  readonly signingDate?: Date
}

export async function attachIotPolicy({
  url,
  region,
  credentials,
  idToken,
  fetch = globalThis.fetch,
  signingDate = new Date(),
}: AttachIotPolicyInput): Promise<void> {
  const target = new URL(url)
  const body = JSON.stringify({ idToken })
  const signer = new SignatureV4({ credentials, region, service: 'lambda', sha256: Sha256 })
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: target.protocol,
      hostname: target.hostname,
      ...(target.port === '' ? {} : { port: Number(target.port) }),
      path: target.pathname,
      query: {},
      headers: { host: target.host, 'content-type': 'application/json' },
      body,
    },
    { signingDate },
  )
  // Browsers set Host themselves and refuse to be told it.
  const headers = Object.fromEntries(
    Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== 'host'),
  )
  const response = await fetch(target, { method: 'POST', headers, body })
  if (!response.ok) throw new AttachIotPolicyError(response.status)
}

/**
 * Attaches the policy once per signed-in user (AttachPolicy on an identity
 * that already has it succeeds, so a new page load may call it again), before
 * the first connection; a failure is retried with the next connection attempt.
 */
export function iotPolicyAttachment({
  attach,
  idTokenOf,
}: {
  readonly attach: (credentials: SessionCredentials, idToken: string) => Promise<void>
  /** The signed-in user's ID token, and who it names. */
  readonly idTokenOf: () => Promise<{ readonly token: string; readonly subject: string }>
}): (credentials: SessionCredentials) => Promise<void> {
  const attachedFor = new Set<string>()
  return async (credentials) => {
    const { token, subject } = await idTokenOf()
    if (attachedFor.has(subject)) return
    await attach(credentials, token)
    attachedFor.add(subject)
  }
}
