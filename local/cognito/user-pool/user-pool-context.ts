import type { LocalCloudSchema } from '../../state/records.ts'
import type { Store } from '../../store/store.ts'
import { AuthSessions } from './auth-sessions.ts'
import { ChallengeSessions } from './challenge-sessions.ts'
import { SigningKeyCache } from './signing-keys.ts'
import type { ServerEphemeral } from './srp.ts'
import { createTokenVerifier, type TokenVerifier } from './token-verification.ts'
import { AppClients } from './directory/app-clients.ts'
import { Groups } from './directory/groups.ts'
import { Pools } from './directory/pools.ts'
import { Users } from './directory/users.ts'

/** A PASSWORD_VERIFIER challenge between InitiateAuth and RespondToAuthChallenge. */
export interface SrpChallenge {
  readonly userPoolId: string
  readonly clientId: string
  /** USER_ID_FOR_SRP: the username, or the name asked for when the user does not exist. */
  readonly userIdForSrp: string
  /** False for the simulated challenge PreventUserExistenceErrors answers for an unknown user. */
  readonly userExists: boolean
  readonly clientEphemeral: string
  readonly serverEphemeral: ServerEphemeral
  readonly verifier: string
}

/** A NEW_PASSWORD_REQUIRED challenge, named by its `Session`. */
export interface NewPasswordChallenge {
  readonly userPoolId: string
  readonly clientId: string
  readonly username: string
}

/** Everything the user pool operations share. */
export interface UserPoolContext {
  readonly pools: Pools
  readonly clients: AppClients
  readonly users: Users
  readonly groups: Groups
  readonly sessions: AuthSessions
  readonly keys: SigningKeyCache
  readonly tokens: TokenVerifier
  readonly srpChallenges: ChallengeSessions<SrpChallenge>
  readonly newPasswordChallenges: ChallengeSessions<NewPasswordChallenge>
  readonly realNow: () => number
  /** ID and access tokens last at most this long (FLEETDECK_TOKEN_LIFETIME_SECONDS, a test knob). */
  readonly tokenLifetimeCapSeconds?: number
}

export function createUserPoolContext(
  store: Store<LocalCloudSchema>,
  realNow: () => number,
  tokenLifetimeCapSeconds?: number,
): UserPoolContext {
  const pools = new Pools(store, realNow)
  const sessions = new AuthSessions(store, realNow)
  const keys = new SigningKeyCache()
  return {
    pools,
    clients: new AppClients(store, pools, realNow),
    users: new Users(store, realNow),
    groups: new Groups(store, pools, realNow),
    sessions,
    keys,
    tokens: createTokenVerifier(pools, sessions, keys, realNow),
    srpChallenges: new ChallengeSessions(realNow),
    newPasswordChallenges: new ChallengeSessions(realNow),
    realNow,
    tokenLifetimeCapSeconds,
  }
}
