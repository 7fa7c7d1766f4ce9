import { PolicyStatement } from 'aws-cdk-lib/aws-iam'
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources'
import { Construct } from 'constructs'

/**
 * AWS IoT publishes job and job-execution events ($aws/events/job/…,
 * $aws/events/jobExecution/…), which the dashboard's live charts listen to,
 * only once they are enabled for the account. It is an account setting with
 * no CloudFormation resource, so the stack calls UpdateEventConfigurations.
 * Deleting the stack leaves the events on: other tools may rely on them.
 * https://docs.aws.amazon.com/iot/latest/developerguide/iot-events.html
 */
export class JobEventConfiguration extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id)
    const enable = {
      service: '@aws-sdk/client-iot',
      action: 'UpdateEventConfigurations',
      parameters: {
        eventConfigurations: { JOB: { Enabled: true }, JOB_EXECUTION: { Enabled: true } },
      },
      physicalResourceId: PhysicalResourceId.of('fleetdeck-job-events'),
    }
    new AwsCustomResource(this, 'EnableJobEvents', {
      onCreate: enable,
      onUpdate: enable,
      // An account-wide setting: IAM has no resource to narrow it to.
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['iot:UpdateEventConfigurations'], resources: ['*'] }),
      ]),
      installLatestAwsSdk: false,
    })
  }
}
