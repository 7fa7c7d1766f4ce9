import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import { invalidParameter } from '../../errors.ts'
import {
  CLIENT_ID,
  matching,
  optionalBoolean,
  optionalObjectList,
  requiredString,
  type Input,
} from '../../input.ts'
import type { IdentityProviderRecord } from '../../records.ts'
import type { IdentityPoolContext } from '../identity-pool-context.ts'
import { identityPoolShape } from '../shapes.ts'

/**
 * CreateIdentityPool with Cognito user pools as providers. In AWS a
 * provider is named `cognito-idp.<region>.amazonaws.com/<userPoolId>`; here
 * the issuer is the local endpoint, so `127.0.0.1:4566/<userPoolId>` is the
 * name Amplify sends, and either form is accepted (see logins.ts).
 * Social, OpenID Connect, SAML and developer providers are not emulated.
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_CreateIdentityPool.html
 */
const NAME = /^[\w\s+=,.@-]{1,128}$/

function providers(input: Input): IdentityProviderRecord[] {
  return optionalObjectList(input, 'CognitoIdentityProviders').map((provider) => ({
    ProviderName: requiredString(provider, 'ProviderName'),
    ClientId: matching('ClientId', requiredString(provider, 'ClientId'), CLIENT_ID),
    ServerSideTokenCheck: optionalBoolean(provider, 'ServerSideTokenCheck') ?? false,
  }))
}

export const createIdentityPool = (context: IdentityPoolContext): RpcOperation => ({
  auth: 'sigv4',
  handle: (input: Input) => {
    const name = requiredString(input, 'IdentityPoolName')
    if (!NAME.test(name)) {
      throw invalidParameter(
        `1 validation error detected: Value '${name}' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+`,
      )
    }
    const allowUnauthenticated = optionalBoolean(input, 'AllowUnauthenticatedIdentities')
    if (allowUnauthenticated === undefined) {
      throw invalidParameter(
        "1 validation error detected: Value null at 'allowUnauthenticatedIdentities' failed to satisfy constraint: Member must not be null",
      )
    }
    for (const unsupported of [
      'SupportedLoginProviders',
      'OpenIdConnectProviderARNs',
      'SamlProviderARNs',
      'DeveloperProviderName',
    ]) {
      if (input[unsupported] !== undefined) {
        throw invalidParameter(
          `The Fleetdeck local cloud supports only Cognito user pools as identity providers; ${unsupported} is not emulated.`,
        )
      }
    }
    const pool = context.identityPools.create({
      identityPoolName: name,
      allowUnauthenticatedIdentities: allowUnauthenticated,
      providers: providers(input),
    })
    return identityPoolShape(pool)
  },
})
