import { App } from 'aws-cdk-lib'
import { FleetdeckStack } from './fleetdeck-stack.ts'
import { STACK_NAME } from './stack-outputs.ts'

/**
 * The CDK app (cdk.json runs it). The account and region are those of the
 * AWS credentials the CDK CLI runs with; `-c selfSignUp=true` opens sign-up.
 */
const app = new App()
const selfSignUp = app.node.tryGetContext('selfSignUp') as unknown
new FleetdeckStack(app, STACK_NAME, {
  env: { account: process.env['CDK_DEFAULT_ACCOUNT'], region: process.env['CDK_DEFAULT_REGION'] },
  description:
    'Fleetdeck: a browser dashboard for AWS IoT Jobs rollouts (infra/ in the repository).',
  selfSignUp: selfSignUp === true || selfSignUp === 'true',
})
