import { createHash, randomBytes } from 'node:crypto'
import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import {
  INCORRECT_CREDENTIALS,
  invalidParameter,
  notAuthorized,
  userNotFound,
} from '../../errors.ts'
import { optionalStringMap, requiredString, type Input } from '../../input.ts'
import {
  assertFlowAllowed,
  assertMaySignIn,
  clientAndPool,
  finishSignIn,
  refreshTokens,
  unsupportedFlow,
  type ClientAndPool,
} from '../sign-in.ts'
import {
  createServerEphemeral,
  isValidClientEphemeral,
  passwordMatches,
  srpPoolName,
} from '../srp.ts'
import type { UserPoolContext } from '../user-pool-context.ts'

/**
 * InitiateAuth, unsigned as in AWS.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
 * USER_SRP_AUTH answers a PASSWORD_VERIFIER challenge (SALT, SRP_B,
 * SECRET_BLOCK, USERNAME, USER_ID_FOR_SRP, and no Session, as AWS answers);
 * USER_PASSWORD_AUTH checks the password against the stored verifier;
 * REFRESH_TOKEN_AUTH (alias REFRESH_TOKEN) returns new access and ID tokens.
 */
function parameter(parameters: Record<string, string>, name: string): string {
  const value = parameters[name]
  if (value === undefined || value === '')
    throw invalidParameter(`Missing required parameter ${name}`)
  return value
}

/** An unknown user: UserNotFoundException, or with PreventUserExistenceErrors the generic refusal. */
function unknownUser(target: ClientAndPool) {
  return target.client.preventUserExistenceErrors === 'ENABLED'
    ? notAuthorized(INCORRECT_CREDENTIALS)
    : userNotFound()
}

function startSrp(
  context: UserPoolContext,
  target: ClientAndPool,
  parameters: Record<string, string>,
) {
  const name = parameter(parameters, 'USERNAME')
  const clientEphemeral = parameter(parameters, 'SRP_A')
  if (!isValidClientEphemeral(clientEphemeral)) throw invalidParameter('Invalid SRP_A value.')
  const user = context.users.find(target.pool, name)
  if (user === undefined && target.client.preventUserExistenceErrors !== 'ENABLED') {
    throw userNotFound()
  }
  // With PreventUserExistenceErrors an unknown user gets a challenge that
  // looks like a real one (a salt stable per name) and fails at the answer.
  const stored = user?.password ?? {
    salt: createHash('sha256').update(`${target.pool.id}:${name}`).digest('hex').slice(0, 32),
    verifier: randomBytes(384).toString('hex'),
  }
  const userIdForSrp = user?.username ?? name
  const serverEphemeral = createServerEphemeral(stored.verifier)
  const secretBlock = context.srpChallenges.open(
    {
      userPoolId: target.pool.id,
      clientId: target.client.clientId,
      userIdForSrp,
      userExists: user !== undefined,
      clientEphemeral,
      serverEphemeral,
      verifier: stored.verifier,
    },
    target.client.authSessionValidityMinutes * 60_000,
  )
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: stored.salt,
      SECRET_BLOCK: secretBlock,
      SRP_B: serverEphemeral.B,
      USERNAME: userIdForSrp,
      USER_ID_FOR_SRP: userIdForSrp,
    },
  }
}

async function userPassword(
  context: UserPoolContext,
  target: ClientAndPool,
  parameters: Record<string, string>,
  origin: string,
) {
  const name = parameter(parameters, 'USERNAME')
  const password = parameter(parameters, 'PASSWORD')
  const user = context.users.find(target.pool, name)
  if (user === undefined) throw unknownUser(target)
  if (!passwordMatches(user.password, srpPoolName(target.pool.id), user.username, password)) {
    throw notAuthorized(INCORRECT_CREDENTIALS)
  }
  assertMaySignIn(context, target.pool, user)
  return finishSignIn(context, target, user, origin)
}

export const initiateAuth = (context: UserPoolContext): RpcOperation => ({
  auth: 'none',
  handle: async (input: Input, call) => {
    const flow = requiredString(input, 'AuthFlow')
    const target = clientAndPool(context, input)
    const parameters = optionalStringMap(input, 'AuthParameters')
    switch (flow) {
      case 'USER_SRP_AUTH':
        assertFlowAllowed(target.client, flow)
        return startSrp(context, target, parameters)
      case 'USER_PASSWORD_AUTH':
        assertFlowAllowed(target.client, flow)
        return userPassword(context, target, parameters, call.origin)
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN':
        assertFlowAllowed(target.client, 'REFRESH_TOKEN_AUTH')
        return {
          ChallengeParameters: {},
          AuthenticationResult: await refreshTokens(
            context,
            target,
            parameter(parameters, 'REFRESH_TOKEN'),
            call.origin,
          ),
        }
      case 'ADMIN_NO_SRP_AUTH':
      case 'ADMIN_USER_PASSWORD_AUTH':
        throw invalidParameter('Initiate Auth method not supported.')
      case 'CUSTOM_AUTH':
      case 'USER_AUTH':
        throw unsupportedFlow(flow)
      default:
        throw invalidParameter(
          `1 validation error detected: Value '${flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH]`,
        )
    }
  },
})
