import { Amplify } from 'aws-amplify'
import type { DashboardConfig } from '@domain/dashboard-config.ts'

/**
 * Amplify Auth with its default SRP sign-in. The endpoint overrides exist
 * only in the local cloud's config; against AWS, Amplify derives Cognito's
 * regional endpoints from the pool ids.
 */
export function configureAmplify(config: DashboardConfig): void {
  const cognitoEndpoint = config.endpoints?.cognito
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: config.userPoolId,
        userPoolClientId: config.userPoolClientId,
        identityPoolId: config.identityPoolId,
        // Signed-in users only: no guest credentials.
        allowGuestAccess: false,
        ...(cognitoEndpoint === undefined
          ? {}
          : { userPoolEndpoint: cognitoEndpoint, identityPoolEndpoint: cognitoEndpoint }),
      },
    },
  })
}
