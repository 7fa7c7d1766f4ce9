import { App } from 'aws-cdk-lib'
import { Template } from 'aws-cdk-lib/assertions'
import { FleetdeckStack, type FleetdeckStackProps } from '../fleetdeck-stack.ts'

/** The account and region the tests deploy to: not us-east-1, so nothing may assume it. */
export const TEST_ENV = { account: '123456789012', region: 'eu-west-1' } as const

/** One synthesis of the stack (a few seconds): call it once per test file, in beforeAll. */
export function synthesizedTemplate(props: Omit<FleetdeckStackProps, 'env'> = {}): Template {
  const app = new App()
  const stack = new FleetdeckStack(app, 'Fleetdeck', { ...props, env: TEST_ENV })
  return Template.fromStack(stack)
}
