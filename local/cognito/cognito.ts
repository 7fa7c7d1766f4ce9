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
  /**
   * The local cloud's test knob (FLEETDECK_TOKEN_LIFETIME_SECONDS): ID and
   * access tokens and identity pool credentials are issued for at most this
   * long, below AWS's 5-minute minimum, so tests can watch a session refresh.
   * A cap at issue time, not an app client setting: clients keep AWS's limits.
   */
  readonly tokenLifetimeCapSeconds?: number
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
  tokenLifetimeCapSeconds,
}: CognitoOptions): Cognito {
  const userPools = createUserPoolContext(store, realNow, tokenLifetimeCapSeconds)
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
          credentialsLifetimeMs:
            tokenLifetimeCapSeconds === undefined
              ? credentialsLifetimeMs
              : Math.min(credentialsLifetimeMs, tokenLifetimeCapSeconds * 1000),
          realNow,
        }),
      ]),
    ],
    seeding: new CognitoSeeding(userPools, identityPools, store),
  }
}
