/**
 * Telling a CORS refusal from a network failure. When AWS answers a browser
 * call without the CORS headers that let this page read the answer, fetch()
 * rejects with the same TypeError a dropped connection gives ("Failed to
 * fetch" in Chromium, "NetworkError when attempting to fetch resource." in
 * Firefox, "Load failed" in Safari): the page is never told which. AWS's IoT
 * control plane has left some operations' answers without CORS headers
 * (docs/deploy.md, "CORS refusals"), so the difference matters: one is
 * fixed by the network, the other never by retrying.
 *
 * The way to tell them apart: ask the same URL again in `no-cors` mode. The
 * browser then hands back an opaque response, without any CORS check, if
 * the host answered at all; if it did, the first failure was the CORS check.
 */

/** The messages browsers (and the SDK's retry logic) know fetch() failures by. */
const FETCH_FAILURE_MESSAGES = [
  'Failed to fetch',
  'NetworkError when attempting to fetch resource',
  'Load failed',
  'The Internet connection appears to be offline',
  'Network request failed',
  'fetch failed',
]

export function isFetchFailure(error: unknown): error is TypeError {
  return (
    error instanceof TypeError &&
    FETCH_FAILURE_MESSAGES.some((message) => error.message.startsWith(message))
  )
}

export type FetchFailureCause = 'cors' | 'network'

export interface ProbeOptions {
  readonly fetch?: typeof globalThis.fetch
  readonly isOnline?: () => boolean
  readonly timeoutMs?: number
}

/**
 * Whether the host behind `url` answers: an opaque `no-cors` response means
 * it does (so the refusal was CORS), a rejection or timeout that it does not.
 */
export async function probeFetchFailure(
  url: string,
  {
    fetch = globalThis.fetch,
    isOnline = () => globalThis.navigator?.onLine ?? true,
    timeoutMs = 3_000,
  }: ProbeOptions = {},
): Promise<FetchFailureCause> {
  if (!isOnline()) return 'network'
  try {
    await fetch(url, {
      mode: 'no-cors',
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    })
    return 'cors'
  } catch {
    return 'network'
  }
}

/** An SDK call whose fetch() failed, as failed-requests.ts records it. */
export interface FailedRequest {
  /** The SDK client's name: IoTClient, IoTDataPlaneClient, S3Client… */
  readonly clientName: string | undefined
  /** The AWS operation: ListJobs, GetObject… */
  readonly operation: string
  /** Scheme, host and path (no query string). */
  readonly url: string
  readonly cause: FetchFailureCause
}

const CLI_SERVICES: Readonly<Record<string, string>> = {
  IoTClient: 'iot',
  IoTDataPlaneClient: 'iot-data',
  S3Client: 's3api',
}

/** The AWS CLI command for the same operation (`aws iot list-jobs`), when the service is known. */
export function cliCommandOf(
  clientName: string | undefined,
  operation: string,
): string | undefined {
  const service = clientName === undefined ? undefined : CLI_SERVICES[clientName]
  if (service === undefined) return undefined
  return `aws ${service} ${operation.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`
}

/** README section the messages point to. */
export const CORS_HELP = 'README → “Deploy to your AWS account” → “CORS refusals”'

/**
 * What an operator reads when AWS answered but the browser refused the
 * answer: which call, at which address, and what to do about it.
 */
export function corsRefusalMessage(
  failed: FailedRequest,
  action: string,
  pageOrigin: string | undefined = globalThis.location?.origin,
): string {
  const what = `AWS answered ${failed.operation} (${failed.url}), but without the CORS headers that let this page read the answer, so the browser blocked it.`
  if (failed.clientName === 'S3Client') {
    const origin = pageOrigin === undefined ? 'this page’s address' : pageOrigin
    return `Could not ${action}: ${what} The bucket’s CORS rules must allow ${origin}: npm run deploy sets them for the CloudFront address; an administrator adds any other address the dashboard is served from. See ${CORS_HELP}.`
  }
  const cli = cliCommandOf(failed.clientName, failed.operation)
  const workaround =
    cli === undefined
      ? 'Use the AWS console for it meanwhile.'
      : `Use the AWS console or the AWS CLI (${cli}) for it meanwhile.`
  return `Could not ${action}: ${what} AWS does not allow this operation from browsers in this region; retrying will not help. ${workaround} See ${CORS_HELP}.`
}
