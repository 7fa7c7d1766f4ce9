import { fetchAuthSession } from 'aws-amplify/auth'
import type { DashboardConfig } from '@domain/dashboard-config.ts'
import { fetchSessionCredentials, NoSessionError } from '@/lib/auth/session-credentials.ts'
import { attachIotPolicy, iotPolicyAttachment } from './attach-iot-policy.ts'
import type { GetLiveCredentials } from './live-connection-manager.ts'

async function currentIdToken(): Promise<{ token: string; subject: string }> {
  const idToken = (await fetchAuthSession()).tokens?.idToken
  if (idToken === undefined) throw new NoSessionError()
  return { token: idToken.toString(), subject: String(idToken.payload.sub) }
}

/**
 * The signed-in user's identity-pool credentials for the MQTT connection;
 * on AWS (`attachIotPolicyUrl` configured) only once the dashboard's IoT
 * policy is attached to their identity (attach-iot-policy.ts).
 */
export function liveCredentials(config: DashboardConfig): GetLiveCredentials {
  const url = config.attachIotPolicyUrl
  if (url === undefined) return fetchSessionCredentials
  const ensureAttached = iotPolicyAttachment({
    attach: (credentials, idToken) =>
      attachIotPolicy({ url, region: config.region, credentials, idToken }),
    idTokenOf: currentIdToken,
  })
  return async (options) => {
    const credentials = await fetchSessionCredentials(options)
    await ensureAttached(credentials)
    return credentials
  }
}
