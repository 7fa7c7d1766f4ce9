import type { Page } from '@playwright/test'
import { cognitoIdentityCall } from '../../local/testing/cognito-identity-call.ts'
import { E2E_CLOUD_ENDPOINT } from './e2e-stack.ts'
import { dashboardSettings } from './users.ts'

/**
 * The AWS credentials the signed-in user's browser session holds: the ID
 * token Amplify keeps, exchanged at the identity pool exactly as Amplify
 * does (GetId, then GetCredentialsForIdentity). With them a test calls the
 * SDK directly, bypassing the UI, to show IAM enforces the role.
 */
export async function credentialsOfSignedInUser(page: Page) {
  const idToken = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((name) => name.endsWith('.idToken'))
    return key === undefined ? undefined : localStorage.getItem(key)
  })
  if (idToken === undefined || idToken === null)
    throw new Error('No ID token in the page: is the user signed in?')
  const { identityPoolId } = await dashboardSettings()
  // Amplify's provider name: the token's issuer without its scheme.
  const { iss } = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString()) as {
    iss: string
  }
  const logins = { [iss.replace(/^https?:\/\//, '')]: idToken }
  const id = await cognitoIdentityCall(E2E_CLOUD_ENDPOINT, 'GetId', {
    IdentityPoolId: identityPoolId,
    Logins: logins,
  })
  const identityId = String(id.body['IdentityId'])
  const issued = await cognitoIdentityCall(E2E_CLOUD_ENDPOINT, 'GetCredentialsForIdentity', {
    IdentityId: identityId,
    Logins: logins,
  })
  const credentials = issued.body['Credentials'] as {
    AccessKeyId: string
    SecretKey: string
    SessionToken: string
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretKey,
    sessionToken: credentials.SessionToken,
  }
}
