import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import { ADMIN_CREDENTIALS, REGION } from '../config.ts'
import type { LocalCloud } from '../cloud.ts'
import { uniqueName } from './local-cloud-fixture.ts'

/** Cognito set up for a contract test file, through the seeding API the `--seed` command uses. */
export interface SeededAuth {
  readonly userPoolId: string
  readonly userPoolClientId: string
  readonly identityPoolId: string
  readonly operator: { readonly username: string; readonly password: string }
  readonly viewer: { readonly username: string; readonly password: string }
  /** In the pool but in no group: no role for the identity pool to choose. */
  readonly outsider: { readonly username: string; readonly password: string }
}

export const PASSWORD = 'Fleet-deck-2026!'

export async function seedAuth(cloud: LocalCloud, endpoint: string): Promise<SeededAuth> {
  const seeding = cloud.cognito
  const { userPoolId } = await seeding.ensureUserPool({
    name: uniqueName('pool'),
    usernameAttributes: ['email'],
  })
  const { clientId } = await seeding.ensureUserPoolClient(userPoolId, 'dashboard', {
    preventUserExistenceErrors: 'ENABLED',
  })
  await seeding.ensureGroup({ userPoolId, groupName: 'operators', role: 'operator', precedence: 1 })
  await seeding.ensureGroup({ userPoolId, groupName: 'viewers', role: 'viewer', precedence: 2 })
  const users = {
    operator: { username: `${uniqueName('operator')}@example.com`, password: PASSWORD },
    viewer: { username: `${uniqueName('viewer')}@example.com`, password: PASSWORD },
    outsider: { username: `${uniqueName('outsider')}@example.com`, password: PASSWORD },
  }
  await seeding.ensureUser({ userPoolId, ...users.operator, groupNames: ['operators'] })
  await seeding.ensureUser({ userPoolId, ...users.viewer, groupNames: ['viewers'] })
  await seeding.ensureUser({ userPoolId, ...users.outsider })
  const { identityPoolId } = await seeding.ensureIdentityPool({
    name: uniqueName('identities'),
    userPoolId,
    clientId,
    issuerHost: new URL(endpoint).host,
  })
  return { userPoolId, userPoolClientId: clientId, identityPoolId, ...users }
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
