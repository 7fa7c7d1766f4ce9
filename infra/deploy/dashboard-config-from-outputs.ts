import { DashboardConfigSchema, type DashboardConfig } from '../../domain/dashboard-config.ts'
import { STACK_OUTPUTS, type StackOutputKey } from '../stack-outputs.ts'

/** The stack outputs config.json is made of (the rest are for the deploy itself). */
const CONFIG_OUTPUTS = [
  'region',
  'userPoolId',
  'userPoolClientId',
  'identityPoolId',
  'iotDataEndpoint',
  'firmwareBucket',
  'configBucket',
  'attachIotPolicyUrl',
] as const satisfies readonly StackOutputKey[]

/** Output value by key, or an error naming every output the stack did not report. */
export function requiredOutputs<K extends StackOutputKey>(
  outputs: Readonly<Record<string, unknown>>,
  keys: readonly K[],
): Record<K, string> {
  const missing = keys.filter((key) => typeof outputs[STACK_OUTPUTS[key]] !== 'string')
  if (missing.length > 0) {
    throw new Error(
      `The stack outputs lack ${missing.map((key) => STACK_OUTPUTS[key]).join(', ')}: was the deployment complete?`,
    )
  }
  return Object.fromEntries(keys.map((key) => [key, outputs[STACK_OUTPUTS[key]]])) as Record<
    K,
    string
  >
}

/**
 * config.json for the deployed app, validated by the schema the app itself
 * loads it with, so a deployment can never publish a config the app rejects.
 */
export function dashboardConfigFromOutputs(
  outputs: Readonly<Record<string, unknown>>,
): DashboardConfig {
  const values = requiredOutputs(outputs, CONFIG_OUTPUTS)
  const parsed = DashboardConfigSchema.safeParse(values)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`,
    )
    throw new Error(`The stack outputs do not make a valid config.json: ${problems.join('; ')}`)
  }
  return parsed.data
}
