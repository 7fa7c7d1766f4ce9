import { randomUUID } from 'node:crypto'
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  GlobalSignOutCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { E2E_CLOUD_ENDPOINT, E2E_DASHBOARD_URL } from './e2e-stack.ts'

/**
 * Users made for one test through Cognito's admin API (as an administrator
 * would, with the local cloud's admin key), so tests never share sessions
 * and never depend on the demo users' generated passwords.
 */
export interface TestUser {
  readonly username: string
  readonly password: string
}

export interface DashboardSettings {
  readonly userPoolId: string
  readonly userPoolClientId: string
  readonly identityPoolId: string
  readonly firmwareBucket: string
}

/** The config.json the dashboard under test was served with. */
export async function dashboardSettings(): Promise<DashboardSettings> {
  const response = await fetch(`${E2E_DASHBOARD_URL}/config.json`)
  return (await response.json()) as DashboardSettings
}

/** The Cognito administrator of a local cloud: the shared e2e stack's, or a spec's own (wall.spec.ts). */
const admins = new Map<string, CognitoIdentityProviderClient>()
const adminOf = (endpoint: string): CognitoIdentityProviderClient => {
  let admin = admins.get(endpoint)
  if (admin === undefined) {
    admin = new CognitoIdentityProviderClient({
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    admins.set(endpoint, admin)
  }
  return admin
}

/** Where users are created: a local cloud's endpoint and its user pool. */
export interface UserPoolTarget {
  readonly endpoint: string
  readonly userPoolId: string
}

export const newPassword = () => `Pw-${randomUUID()}-aA1!`

/**
 * A user in the given group. `temporary` leaves the password temporary, so
 * the first sign-in meets Cognito's NEW_PASSWORD_REQUIRED challenge.
 */
export async function createUser(
  group: 'operator' | 'viewer' | undefined,
  options: { temporary?: boolean } = {},
): Promise<TestUser> {
  const { userPoolId } = await dashboardSettings()
  return createUserIn({ endpoint: E2E_CLOUD_ENDPOINT, userPoolId }, group, options)
}

/** As createUser, in another local cloud's user pool. */
export async function createUserIn(
  { endpoint, userPoolId }: UserPoolTarget,
  group: 'operator' | 'viewer' | undefined,
  { temporary = false }: { temporary?: boolean } = {},
): Promise<TestUser> {
  const admin = adminOf(endpoint)
  const username = `e2e-${randomUUID().slice(0, 8)}@example.com`
  const password = newPassword()
  await admin.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      TemporaryPassword: password,
      UserAttributes: [
        { Name: 'email', Value: username },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  )
  if (!temporary) {
    await admin.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: username,
        Password: password,
        Permanent: true,
      }),
    )
  }
  if (group !== undefined) {
    await admin.send(
      new AdminAddUserToGroupCommand({
        UserPoolId: userPoolId,
        Username: username,
        GroupName: group,
      }),
    )
  }
  return { username, password }
}

/** Signs the user out of every device, as "sign out everywhere" does elsewhere. */
export async function globalSignOut(
  accessToken: string,
  endpoint = E2E_CLOUD_ENDPOINT,
): Promise<void> {
  await adminOf(endpoint).send(new GlobalSignOutCommand({ AccessToken: accessToken }))
}
