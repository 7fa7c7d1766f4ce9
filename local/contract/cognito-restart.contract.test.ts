import {
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { decodeProtectedHeader } from 'jose'
import { expect, it } from 'vitest'
import type { RunningLocalCloud } from '../start.ts'
import { useRestartableLocalCloud } from '../testing/local-cloud-fixture.ts'
import { cognitoIdentityCall } from '../testing/cognito-identity-call.ts'
import { cognitoClient, PASSWORD } from '../testing/cognito-helpers.ts'

/**
 * A browser keeps its tokens while the local cloud restarts (even on another
 * port): the pools, signing keys, users, sessions and identities are stored,
 * and the seed finds its pools again by name.
 */
const { start } = useRestartableLocalCloud('cognito')

async function seed(cloud: RunningLocalCloud) {
  const seeding = cloud.cloud.cognito
  const { userPoolId } = await seeding.ensureUserPool({ name: 'fleetdeck' })
  const { clientId } = await seeding.ensureUserPoolClient(userPoolId, 'dashboard', {
    explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  })
  await seeding.ensureGroup({ userPoolId, groupName: 'viewers', role: 'viewer', precedence: 2 })
  await seeding.ensureUser({
    userPoolId,
    username: 'viewer',
    password: PASSWORD,
    groupNames: ['viewers'],
  })
  const { identityPoolId } = await seeding.ensureIdentityPool({
    name: 'fleetdeck',
    userPoolId,
    clientId,
    issuerHost: new URL(cloud.endpoint).host,
  })
  return { userPoolId, clientId, identityPoolId }
}

it('keeps keys, tokens, sessions and identities across a restart, and the seed reuses its ids', async () => {
  const before = await start()
  const ids = await seed(before)
  const client = cognitoClient(before.endpoint)
  const { AuthenticationResult: tokens } = await client.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: ids.clientId,
      AuthParameters: { USERNAME: 'viewer', PASSWORD },
    }),
  )
  client.destroy()
  const idToken = tokens?.IdToken ?? ''
  const logins = { [`${new URL(before.endpoint).host}/${ids.userPoolId}`]: idToken }
  const identityBefore = await cognitoIdentityCall(before.endpoint, 'GetId', {
    IdentityPoolId: ids.identityPoolId,
    Logins: logins,
  })
  await before.stop()

  const after = await start()
  expect(await seed(after)).toEqual(ids)
  const again = cognitoClient(after.endpoint)
  const { Username } = await again.send(new GetUserCommand({ AccessToken: tokens?.AccessToken }))
  expect(Username).toBe('viewer')
  const refreshed = await again.send(
    new GetTokensFromRefreshTokenCommand({
      ClientId: ids.clientId,
      RefreshToken: tokens?.RefreshToken,
    }),
  )
  expect(decodeProtectedHeader(refreshed.AuthenticationResult?.IdToken ?? '').kid).toBe(
    decodeProtectedHeader(idToken).kid,
  )
  again.destroy()
  const jwks = (await (
    await fetch(`${after.endpoint}/${ids.userPoolId}/.well-known/jwks.json`)
  ).json()) as { keys: { kid: string }[] }
  expect(jwks.keys.map((key) => key.kid)).toEqual([decodeProtectedHeader(idToken).kid])
  const identityAfter = await cognitoIdentityCall(after.endpoint, 'GetId', {
    IdentityPoolId: ids.identityPoolId,
    Logins: logins,
  })
  expect(identityAfter).toEqual(identityBefore)
  const credentials = await cognitoIdentityCall(after.endpoint, 'GetCredentialsForIdentity', {
    IdentityId: identityAfter.body.IdentityId,
    Logins: logins,
  })
  expect(credentials.status).toBe(200)
})
