import { createJsonRpcFrontend } from '../edge/json-rpc-frontend.ts'
import type { Frontend } from '../edge/frontend.ts'
import type { TemporaryCredentials } from '../iam/temporary-credentials.ts'
import type { LocalCloudSchema } from '../state/records.ts'
import type { Store } from '../store/store.ts'
import { CognitoSeeding } from './cognito-seeding.ts'
import { IdentityPools } from './identity-pool/identity-pools.ts'
import { createIdentityPoolService } from './identity-pool/identity-pool-service.ts'
import { createJwksFrontend } from './jwks-frontend.ts'
import { createUserPoolContext } from './user-pool/user-pool-context.ts'
import { createUserPoolService } from './user-pool/user-pool-service.ts'

/**
 * Cognito behind the edge: the user pool and identity pool services
 * (awsJson1.1, told apart by `X-Amz-Target`), the JWKS documents, and the
 * seeding API. The identity pool turns user pool ID tokens into the
 * temporary credentials the edge authorizes by role.
 */
export interface CognitoOptions {
  readonly store: Store<LocalCloudSchema>
  readonly temporaryCredentials: TemporaryCredentials
  readonly realNow: () => number
  /** Lifetime of identity pool credentials; AWS issues them for an hour. */
  readonly credentialsLifetimeMs?: number
}

export interface Cognito {
  /** Put these before the edge's fallback frontend. */
  readonly frontends: readonly Frontend[]
  readonly seeding: CognitoSeeding
}

const ONE_HOUR_MS = 60 * 60 * 1000

export function createCognito({
  store,
  temporaryCredentials,
  realNow,
  credentialsLifetimeMs = ONE_HOUR_MS,
}: CognitoOptions): Cognito {
  const userPools = createUserPoolContext(store, realNow)
  const identityPools = new IdentityPools(store, realNow)
  return {
    frontends: [
      createJwksFrontend(userPools.pools),
      createJsonRpcFrontend([
        createUserPoolService(userPools),
        createIdentityPoolService({
          identityPools,
          tokens: userPools.tokens,
          temporaryCredentials,
          credentialsLifetimeMs,
          realNow,
        }),
      ]),
    ],
    seeding: new CognitoSeeding(userPools, identityPools, store),
  }
}
