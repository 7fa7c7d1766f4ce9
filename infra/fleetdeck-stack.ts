import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib'
import type { Construct } from 'constructs'
import { AppHosting } from './constructs/app-hosting.ts'
import { BrowserIotAccess } from './constructs/browser-iot-access.ts'
import { DashboardRoles, deploymentScope } from './constructs/dashboard-roles.ts'
import { DataBuckets, dataBucketNames } from './constructs/data-buckets.ts'
import { GroupRoles } from './constructs/group-roles.ts'
import { IotDataEndpoint } from './constructs/iot-data-endpoint.ts'
import { JobEventConfiguration } from './constructs/job-event-configuration.ts'
import { UserDirectory } from './constructs/user-directory.ts'
import {
  contentSecurityPolicy,
  dashboardConnectSources,
} from './hosting/content-security-policy.ts'
import { STACK_OUTPUTS, type StackOutputKey } from './stack-outputs.ts'

export interface FleetdeckStackProps extends StackProps {
  /** Anyone may create an account (without a role until an administrator grants one). */
  readonly selfSignUp?: boolean
}

/**
 * Everything a Fleetdeck deployment needs in one AWS account and region
 * (docs/deploy.md lists it). The outputs are what config.json is made of.
 */
export class FleetdeckStack extends Stack {
  constructor(scope: Construct, id: string, props: FleetdeckStackProps = {}) {
    super(scope, id, props)
    const buckets = dataBucketNames(this)
    const directory = new UserDirectory(this, 'UserDirectory', {
      selfSignUp: props.selfSignUp ?? false,
    })
    const roles = new DashboardRoles(this, 'Roles', {
      identityPoolId: directory.identityPool.ref,
      buckets,
    })
    new GroupRoles(this, 'GroupRoles', {
      directory,
      operatorRole: roles.operator,
      viewerRole: roles.viewer,
    })
    const iotData = new IotDataEndpoint(this, 'IotData')
    new JobEventConfiguration(this, 'JobEvents')
    const iotAccess = new BrowserIotAccess(this, 'BrowserIotAccess', {
      scope: deploymentScope(this, buckets),
      identityPoolId: directory.identityPool.ref,
      userPoolProviderName: directory.userPool.userPoolProviderName,
    })
    const hosting = new AppHosting(this, 'AppHosting', {
      contentSecurityPolicy: contentSecurityPolicy(
        dashboardConnectSources({
          region: this.region,
          iotDataHost: iotData.host,
          ...buckets,
          otherOrigins: [iotAccess.attachOrigin],
        }),
      ),
    })
    const data = new DataBuckets(this, 'DataBuckets', { names: buckets, appOrigin: hosting.origin })

    const output = (key: StackOutputKey, value: string, description: string) =>
      new CfnOutput(this, STACK_OUTPUTS[key], { value, description })
    output('appUrl', hosting.origin, 'Open the dashboard here.')
    output('appBucket', hosting.bucket.bucketName, 'npm run deploy uploads the build here.')
    output('distributionId', hosting.distribution.distributionId, 'Invalidated after each upload.')
    output('region', this.region, 'config.json region')
    output('userPoolId', directory.userPool.userPoolId, 'config.json userPoolId')
    output('userPoolClientId', directory.appClient.userPoolClientId, 'config.json userPoolClientId')
    output('identityPoolId', directory.identityPool.ref, 'config.json identityPoolId')
    output('iotDataEndpoint', `https://${iotData.host}`, 'config.json iotDataEndpoint')
    output('firmwareBucket', data.firmwareBucket.bucketName, 'config.json firmwareBucket')
    output('configBucket', data.configBucket.bucketName, 'config.json configBucket')
    output('attachIotPolicyUrl', iotAccess.attachUrl, 'config.json attachIotPolicyUrl')
  }
}
