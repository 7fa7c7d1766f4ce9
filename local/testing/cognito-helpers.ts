import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import type { LocalCloud } from '../cloud.ts'
import { ADMIN_CREDENTIALS, DEFAULT_DASHBOARD_PORT, REGION } from '../config.ts'
import { seedDemo } from '../seed/demo-seed.ts'
import { uniqueName } from './local-cloud-fixture.ts'

/**
 * Cognito set up for a contract test file: the demo seed `npm start` makes
 * (user pool signing in with email, the dashboard client, the operator and
 * viewer groups with their roles, one user in each, the identity pool), plus
 * a user in no group.
 */
export interface SignIn {
  readonly username: string
  readonly password: string
}

export interface SeededAuth {
  readonly userPoolId: string
  readonly userPoolClientId: string
  readonly identityPoolId: string
  readonly operator: SignIn
  readonly viewer: SignIn
  /** In the pool but in no group: no role for the identity pool to choose. */
  readonly outsider: SignIn
}

export const PASSWORD = 'Fleet-deck-2026!'

export async function seedAuth(cloud: LocalCloud, endpoint: string): Promise<SeededAuth> {
  const seed = await seedDemo(cloud, {
    endpoint,
    // The buckets' CORS needs an origin; these tests make no browser calls.
    dashboardOrigins: [`http://127.0.0.1:${DEFAULT_DASHBOARD_PORT}`],
  })
  const demoUser = (role: 'operator' | 'viewer'): SignIn => {
    const user = seed.users.find((candidate) => candidate.role === role)
    if (user === undefined) throw new Error(`the demo seed has no ${role}`)
    return { username: user.username, password: user.password }
  }
  const outsider = { username: `${uniqueName('outsider')}@example.com`, password: PASSWORD }
  await cloud.cognito.ensureUser({ userPoolId: seed.userPoolId, ...outsider })
  return {
    userPoolId: seed.userPoolId,
    userPoolClientId: seed.userPoolClientId,
    identityPoolId: seed.identityPoolId,
    operator: demoUser('operator'),
    viewer: demoUser('viewer'),
    outsider,
  }
}

export function cognitoClient(
  endpoint: string,
  credentials: {
    accessKeyId: string
    secretAccessKey: string
    sessionToken?: string
  } = ADMIN_CREDENTIALS,
): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: REGION,
    endpoint,
    credentials,
    maxAttempts: 1,
  })
}
