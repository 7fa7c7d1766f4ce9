import { PolicyStatement } from 'aws-cdk-lib/aws-iam'
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources'
import { Construct } from 'constructs'

/**
 * The account's IoT data endpoint (xxxx-ats.iot.<region>.amazonaws.com),
 * which CloudFormation has no attribute for: DescribeEndpoint answers it, and
 * the dashboard reads shadows from it and opens its MQTT WebSocket to it.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_DescribeEndpoint.html
 */
export class IotDataEndpoint extends Construct {
  /** The host name, without a scheme. */
  readonly host: string

  constructor(scope: Construct, id: string) {
    super(scope, id)
    const call = {
      service: '@aws-sdk/client-iot',
      action: 'DescribeEndpoint',
      parameters: { endpointType: 'iot:Data-ATS' },
      physicalResourceId: PhysicalResourceId.fromResponse('endpointAddress'),
    }
    const describe = new AwsCustomResource(this, 'DescribeEndpoint', {
      onCreate: call,
      onUpdate: call,
      // DescribeEndpoint supports no resource-level permission: "*" is the only form IAM matches.
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['iot:DescribeEndpoint'], resources: ['*'] }),
      ]),
      installLatestAwsSdk: false,
    })
    this.host = describe.getResponseField('endpointAddress')
  }
}
