import { fetchAuthSession } from 'aws-amplify/auth'

export interface SessionCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
  readonly expiration?: Date
}

export type CredentialsProvider = () => Promise<SessionCredentials>

/** No identity-pool credentials: the user is signed out or the session could not be refreshed. */
export class NoSessionError extends Error {
  override readonly name = 'NoSessionError'

  constructor() {
    super('You are signed out. Sign in again to continue.')
  }
}

/**
 * The SDK clients' credentials. The SDK memoizes a provider's result and
 * calls it again shortly before `expiration`; Amplify's `fetchAuthSession`
 * returns its cached credentials until they expire and first refreshes the
 * user pool tokens (GetTokensFromRefreshToken) when those have expired, so
 * a long-open page keeps working without a reload.
 */
export const sessionCredentials: CredentialsProvider = () => fetchSessionCredentials()

/**
 * `forceRefresh` is for callers that must not get cached credentials back:
 * Amplify keeps identity-pool credentials for 50 minutes or until the ID
 * token changes, whatever their `expiration`, while the MQTT socket they
 * signed closes when they expire (src/lib/live). It refreshes the tokens and
 * asks the identity pool for new credentials.
 */
export async function fetchSessionCredentials({
  forceRefresh = false,
}: { readonly forceRefresh?: boolean } = {}): Promise<SessionCredentials> {
  const { credentials } = await fetchAuthSession({ forceRefresh })
  if (credentials === undefined) throw new NoSessionError()
  return {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken === undefined ? {} : { sessionToken: credentials.sessionToken }),
    ...(credentials.expiration === undefined ? {} : { expiration: credentials.expiration }),
  }
}
