import { Duration, RemovalPolicy } from 'aws-cdk-lib'
import {
  AccountRecovery,
  CfnIdentityPool,
  Mfa,
  UserPool,
  UserPoolClientIdentityProvider,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito'
import { Construct } from 'constructs'

export interface UserDirectoryProps {
  /** Let anyone create an account (it gets no role until an administrator adds it to a group). */
  readonly selfSignUp?: boolean
}

/**
 * Who may sign in: a Cognito user pool (email as the user name, as the local
 * cloud's pool), the dashboard's app client, and the identity pool that
 * exchanges the ID token for the AWS credentials of the user's role.
 */
export class UserDirectory extends Construct {
  readonly userPool: UserPool
  readonly appClient: UserPoolClient
  readonly identityPool: CfnIdentityPool

  constructor(scope: Construct, id: string, { selfSignUp = false }: UserDirectoryProps = {}) {
    super(scope, id)
    this.userPool = new UserPool(this, 'Users', {
      userPoolName: 'fleetdeck',
      // Administrators create the accounts (README: "Create the first operator").
      selfSignUpEnabled: selfSignUp,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // Users may add an authenticator app (TOTP); SMS is not offered.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // The accounts outlive the stack: deleting it must not lock operators out for good.
      removalPolicy: RemovalPolicy.RETAIN,
    })
    this.appClient = this.userPool.addClient('Dashboard', {
      userPoolClientName: 'fleetdeck-dashboard',
      // A browser cannot keep a secret.
      generateSecret: false,
      // SRP only: the password never leaves the browser (Amplify's default flow).
      authFlows: { userSrp: true },
      // No hosted UI or OAuth redirects: the dashboard signs in with the API.
      disableOAuth: true,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // A wrong user name looks like a wrong password.
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // The wall display stays signed in; it refreshes its tokens itself.
      refreshTokenValidity: Duration.days(30),
    })
    this.identityPool = new CfnIdentityPool(this, 'Identities', {
      identityPoolName: 'fleetdeck',
      // Signed-in users only: no guest credentials.
      allowUnauthenticatedIdentities: false,
      // The enhanced flow only: the identity pool, not the browser, picks the role.
      allowClassicFlow: false,
      cognitoIdentityProviders: [
        {
          providerName: this.userPool.userPoolProviderName,
          clientId: this.appClient.userPoolClientId,
          // Revoked tokens (sign-out everywhere) get no new credentials.
          serverSideTokenCheck: true,
        },
      ],
    })
  }
}
