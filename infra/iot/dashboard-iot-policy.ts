import type { FleetdeckRole } from '../../domain/permissions.ts'
import { iamStatementsOf, type DeploymentScope, type IamStatement } from '../iam/iam-statements.ts'

/**
 * The actions AWS IoT checks against an authenticated Cognito identity's IoT
 * policy as well as its IAM role: the message broker's and the shadows'.
 * https://docs.aws.amazon.com/iot/latest/developerguide/cognito-identities.html
 * https://docs.aws.amazon.com/iot/latest/developerguide/iot-policy-actions.html
 */
const DATA_PLANE_ACTIONS = new Set([
  'iot:Connect',
  'iot:Publish',
  'iot:Subscribe',
  'iot:Receive',
  'iot:RetainPublish',
  'iot:GetRetainedMessage',
  'iot:ListRetainedMessages',
  'iot:GetThingShadow',
  'iot:UpdateThingShadow',
  'iot:DeleteThingShadow',
  'iot:ListNamedShadowsForThing',
])

export const isDataPlaneAction = (action: string): boolean => DATA_PLANE_ACTIONS.has(action)

const DASHBOARD_ROLES: readonly FleetdeckRole[] = ['operator', 'viewer']

/**
 * The dashboard's IoT policy, read from the same statements as its IAM roles
 * (domain/permissions.ts): the data-plane part of what either role may do.
 * As IoT intersects it with the caller's role, a viewer gets no more than
 * its role allows.
 */
export function dashboardIotPolicyStatements(scope: DeploymentScope): IamStatement[] {
  const seen = new Set<string>()
  const statements: IamStatement[] = []
  for (const role of DASHBOARD_ROLES) {
    for (const statement of iamStatementsOf(role, scope)) {
      const actions = statement.actions.filter(isDataPlaneAction)
      const key = JSON.stringify([actions, statement.resources])
      if (actions.length === 0 || seen.has(key)) continue
      seen.add(key)
      statements.push({ actions, resources: statement.resources })
    }
  }
  return statements
}

/** The policy document AWS::IoT::Policy takes. */
export function dashboardIotPolicyDocument(scope: DeploymentScope) {
  return {
    Version: '2012-10-17',
    Statement: dashboardIotPolicyStatements(scope).map((statement) => ({
      Effect: 'Allow',
      Action: [...statement.actions],
      Resource: [...statement.resources],
    })),
  }
}
