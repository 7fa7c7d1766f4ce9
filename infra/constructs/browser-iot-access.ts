import { Duration, Fn } from 'aws-cdk-lib'
import { PolicyStatement } from 'aws-cdk-lib/aws-iam'
import { CfnPolicy } from 'aws-cdk-lib/aws-iot'
import {
  Code,
  Function as LambdaFunction,
  FunctionUrlAuthType,
  HttpMethod,
  Runtime,
} from 'aws-cdk-lib/aws-lambda'
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs'
import { Construct } from 'constructs'
import { fileURLToPath } from 'node:url'
import {
  ATTACH_IOT_POLICY_FUNCTION_NAME,
  DASHBOARD_IOT_POLICY_NAME,
} from '../../domain/permissions.ts'
import type { DeploymentScope } from '../iam/iam-statements.ts'
import { dashboardIotPolicyDocument } from '../iot/dashboard-iot-policy.ts'

export interface BrowserIotAccessProps {
  readonly scope: DeploymentScope
  readonly identityPoolId: string
  /** cognito-idp.<region>.amazonaws.com/<user pool id>, the identity pool's login key. */
  readonly userPoolProviderName: string
}

const FUNCTION_CODE = fileURLToPath(new URL('../functions/attach-iot-policy', import.meta.url))

/**
 * What a signed-in browser needs, beyond its IAM role, to receive job events
 * over MQTT: the IoT policy (read from domain/permissions.ts) and the
 * function that attaches it to the caller's own identity (docs/deploy.md,
 * "How the IoT policy gets attached").
 */
export class BrowserIotAccess extends Construct {
  readonly policyName: string
  /** The function URL (https://….lambda-url.<region>.on.aws/). */
  readonly attachUrl: string
  /** The same, as a CSP source: scheme and host. */
  readonly attachOrigin: string

  constructor(scope: Construct, id: string, props: BrowserIotAccessProps) {
    super(scope, id)
    const policy = new CfnPolicy(this, 'DashboardPolicy', {
      policyName: DASHBOARD_IOT_POLICY_NAME,
      policyDocument: dashboardIotPolicyDocument(props.scope),
    })
    this.policyName = policy.ref
    const attach = new LambdaFunction(this, 'AttachIotPolicy', {
      functionName: ATTACH_IOT_POLICY_FUNCTION_NAME,
      description:
        'Attaches the Fleetdeck dashboard IoT policy to the caller’s own Cognito identity.',
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      // The handler alone: its tests and type declarations stay out of the bundle.
      code: Code.fromAsset(FUNCTION_CODE, { exclude: ['*.test.ts', '*.d.mts'] }),
      timeout: Duration.seconds(10),
      memorySize: 256,
      environment: {
        IDENTITY_POOL_ID: props.identityPoolId,
        USER_POOL_PROVIDER_NAME: props.userPoolProviderName,
        IOT_POLICY_NAME: policy.ref,
      },
      logGroup: new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH }),
    })
    // AttachPolicy checks cert or thinggroup resources only; a Cognito
    // identity target is neither, so IAM matches it only on "*". The code,
    // not IAM, confines it to this policy and the caller's identity.
    attach.addToRolePolicy(new PolicyStatement({ actions: ['iot:AttachPolicy'], resources: ['*'] }))
    const url = attach.addFunctionUrl({
      // Only the dashboard roles may call it (lambda:InvokeFunctionUrl in domain/permissions.ts).
      authType: FunctionUrlAuthType.AWS_IAM,
      cors: {
        // Any origin: a request is useless without SigV4 credentials of a
        // dashboard role and a valid ID token, and a browser sends neither on
        // its own. Naming the CloudFront origin here would make the
        // distribution's CSP and this URL depend on each other.
        allowedOrigins: ['*'],
        allowedMethods: [HttpMethod.POST],
        allowedHeaders: [
          'authorization',
          'content-type',
          'x-amz-date',
          'x-amz-security-token',
          'x-amz-content-sha256',
        ],
        maxAge: Duration.hours(1),
      },
    })
    this.attachUrl = url.url
    this.attachOrigin = `https://${Fn.select(2, Fn.split('/', url.url))}`
  }
}
