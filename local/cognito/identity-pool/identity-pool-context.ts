import type { TemporaryCredentials } from '../../iam/temporary-credentials.ts'
import type { TokenVerifier } from '../user-pool/token-verification.ts'
import type { IdentityPools } from './identity-pools.ts'

/** Everything the identity pool operations share. */
export interface IdentityPoolContext {
  readonly identityPools: IdentityPools
  /** Verifies user pool ID tokens, shared with the user pools. */
  readonly tokens: TokenVerifier
  readonly temporaryCredentials: TemporaryCredentials
  /** How long GetCredentialsForIdentity's credentials last: one hour, as AWS issues them. */
  readonly credentialsLifetimeMs: number
  readonly realNow: () => number
}
