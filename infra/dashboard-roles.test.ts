import type { Template } from 'aws-cdk-lib/assertions'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  ATTACH_IOT_POLICY_FUNCTION_NAME,
  DASHBOARD_IOT_POLICY_NAME,
  ROLE_NAMES,
  ROLE_PERMISSIONS,
  type FleetdeckRole,
} from '../domain/permissions.ts'
import { isPermitted } from '../local/edge/authorize.ts'
import { ACCOUNT_ID, BUCKET_NAMES, REGION as LOCAL_REGION } from '../local/config.ts'
import { actionsOf, iamStatementsOf } from './iam/iam-statements.ts'
import { IOT_ACTION_RESOURCE_TYPES } from './iam/iot-resource-types.ts'
import { isMutatingAction } from './iam/mutating-actions.ts'
import { dashboardIotPolicyDocument, isDataPlaneAction } from './iot/dashboard-iot-policy.ts'
import { resolveIntrinsics } from './testing/resolve-intrinsics.ts'
import { synthesizedTemplate, TEST_ENV } from './testing/synthesized-stack.ts'

/**
 * The deployed roles against their single source, domain/permissions.ts,
 * which the local cloud's edge enforces too: same actions, narrowest
 * resources, and a viewer that can change nothing.
 */
interface Statement {
  readonly Effect: string
  readonly Action: string | string[]
  readonly Resource: string | string[]
  readonly Condition?: Record<string, Record<string, string>>
}
interface PolicyDocument {
  readonly Statement: readonly Statement[]
}
type Resource = { Type: string; Properties: Record<string, unknown> }

let resources: Record<string, Resource>
let template: Template

beforeAll(() => {
  template = synthesizedTemplate()
  resources = resolveIntrinsics(template.toJSON()['Resources']) as Record<string, Resource>
})

const ROLES: readonly FleetdeckRole[] = ['operator', 'viewer', 'iotPresigner']
const SCOPE = {
  partition: 'aws',
  region: TEST_ENV.region,
  account: TEST_ENV.account,
  firmwareBucket: `fleetdeck-firmware-${TEST_ENV.account}-${TEST_ENV.region}`,
  configBucket: `fleetdeck-config-${TEST_ENV.account}-${TEST_ENV.region}`,
}
const list = (value: string | readonly string[]) => (typeof value === 'string' ? [value] : value)

function roleNamed(roleName: string): Resource {
  const role = Object.values(resources).find(
    (resource) =>
      resource.Type === 'AWS::IAM::Role' && resource.Properties['RoleName'] === roleName,
  )
  if (role === undefined) throw new Error(`no role ${roleName}`)
  return role
}

/** Every statement of the role's policies, inline or attached. */
function statementsOf(role: FleetdeckRole): Statement[] {
  const properties = roleNamed(ROLE_NAMES[role]).Properties
  expect(properties['ManagedPolicyArns'], 'no managed policies').toBeUndefined()
  const inline = (properties['Policies'] as { PolicyDocument: PolicyDocument }[]).flatMap(
    (policy) => policy.PolicyDocument.Statement,
  )
  const attached = Object.values(resources).filter(
    (resource) =>
      resource.Type === 'AWS::IAM::Policy' &&
      JSON.stringify(resource.Properties['Roles']).includes(`Roles${role}`),
  )
  expect(attached, 'no policies attached later').toEqual([])
  return inline
}

/** Every Allow statement of every IAM policy in the template. */
function allAllowStatements(): { owner: string; statement: Statement }[] {
  return Object.entries(resources).flatMap(([id, resource]) => {
    const documents =
      resource.Type === 'AWS::IAM::Role'
        ? ((resource.Properties['Policies'] ?? []) as { PolicyDocument: PolicyDocument }[]).map(
            (policy) => policy.PolicyDocument,
          )
        : resource.Type === 'AWS::IAM::Policy'
          ? [resource.Properties['PolicyDocument'] as PolicyDocument]
          : []
    return documents.flatMap((document) =>
      document.Statement.filter((statement) => statement.Effect === 'Allow').map((statement) => ({
        owner: id,
        statement,
      })),
    )
  })
}

describe('each deployed role', () => {
  it.each(ROLES)('%s holds exactly the actions domain/permissions.ts lists', (role) => {
    const deployed = new Set(statementsOf(role).flatMap((statement) => list(statement.Action)))
    const listed = new Set(ROLE_PERMISSIONS[role].flatMap((statement) => statement.actions))
    expect([...deployed].sort()).toEqual([...listed].sort())
    expect(statementsOf(role).every((statement) => statement.Effect === 'Allow')).toBe(true)
  })

  it.each(ROLES)('%s holds the statements iamStatementsOf translates', (role) => {
    expect(
      statementsOf(role).map((statement) => ({
        actions: list(statement.Action),
        resources: list(statement.Resource),
        ...(statement.Condition === undefined ? {} : { conditions: statement.Condition }),
      })),
    ).toEqual(iamStatementsOf(role, SCOPE))
  })

  it('viewer holds no action that changes anything', () => {
    const mutating = actionsOf(iamStatementsOf('viewer', SCOPE)).filter(isMutatingAction)
    expect(mutating).toEqual([])
    const deployed = statementsOf('viewer').flatMap((statement) => list(statement.Action))
    expect(deployed.filter(isMutatingAction)).toEqual([])
  })

  it('operator may change rollouts and firmware, but delete nothing of the fleet', () => {
    const actions = statementsOf('operator').flatMap((statement) => list(statement.Action))
    expect(actions).toEqual(
      expect.arrayContaining(['iot:CreateJob', 'iot:CancelJob', 's3:PutObject']),
    )
    const deletions = actions.filter((action) => /^[a-z0-9]+:Delete/.test(action))
    // The only deletion: a dynamic group the dashboard made for a job AWS then refused.
    expect(deletions).toEqual(['iot:DeleteDynamicThingGroup'])
    const groups = `arn:aws:iot:${TEST_ENV.region}:${TEST_ENV.account}:thinggroup/`
    for (const action of [
      'iot:CreateDynamicThingGroup',
      'iot:DeleteDynamicThingGroup',
      'iot:CreateThingGroup',
      'iot:AddThingToThingGroup',
    ]) {
      const statement = statementsOf('operator').find((candidate) =>
        list(candidate.Action).includes(action),
      )
      const onGroups = list(statement?.Resource ?? []).filter((arn) => arn.startsWith(groups))
      // Only the groups the dashboard names after its jobs, never the fleet's own groups.
      expect(onGroups, action).toEqual([`${groups}fleetdeck-*`])
    }
  })

  it('operator passes only the pre-signing role, and only to AWS IoT', () => {
    const passRole = statementsOf('operator').filter((statement) =>
      list(statement.Action).includes('iam:PassRole'),
    )
    expect(passRole).toEqual([
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: `arn:aws:iam::${TEST_ENV.account}:role/${ROLE_NAMES.iotPresigner}`,
        Condition: { StringEquals: { 'iam:PassedToService': 'iot.amazonaws.com' } },
      },
    ])
  })

  it('the pre-signing role reads the two buckets and may be assumed by AWS IoT of this account only', () => {
    const role = roleNamed(ROLE_NAMES.iotPresigner)
    expect(statementsOf('iotPresigner')).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: [
          `arn:aws:s3:::${SCOPE.firmwareBucket}/*`,
          `arn:aws:s3:::${SCOPE.configBucket}/*`,
        ],
      },
    ])
    expect(role.Properties['AssumeRolePolicyDocument']).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { Service: 'iot.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': TEST_ENV.account },
            ArnLike: { 'aws:SourceArn': `arn:aws:iot:${TEST_ENV.region}:${TEST_ENV.account}:*` },
          },
        },
      ],
    })
  })

  it('the dashboard roles may be assumed by signed-in identities of this identity pool only', () => {
    for (const role of ['operator', 'viewer'] as const) {
      const trust = roleNamed(ROLE_NAMES[role]).Properties['AssumeRolePolicyDocument']
      expect(trust).toMatchObject({
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRoleWithWebIdentity',
            Principal: { Federated: 'cognito-identity.amazonaws.com' },
            Condition: {
              StringEquals: {
                'cognito-identity.amazonaws.com:aud':
                  expect.stringMatching(/^<UserDirectoryIdentities/),
              },
              'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
            },
          },
        ],
      })
    }
  })
})

/**
 * Where IAM can narrow a resource, "*" is not used: only the actions the
 * Service Authorization Reference lists without a resource type keep it
 * (written out here, not read from infra/iam/iot-resource-types.ts, so a
 * wrong entry there cannot widen a role unnoticed). The custom resources'
 * calls and the attaching function's AttachPolicy (a Cognito identity is no
 * IAM resource type) are the stack's own such actions.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsiot.html
 */
const ONLY_ON_ANY_RESOURCE = new Set([
  'iot:ListJobs',
  'iot:ListJobTemplates',
  'iot:ListThingGroups',
  'iot:ListThingTypes',
  'iot:ListThings',
  'iot:GetIndexingConfiguration',
  'iot:DescribeEndpoint',
  'iot:UpdateEventConfigurations',
  'iot:AttachPolicy',
])

describe('every policy in the stack', () => {
  it('uses "*" as a resource only for actions IAM cannot scope', () => {
    const onAnything = allAllowStatements().filter(({ statement }) =>
      list(statement.Resource).includes('*'),
    )
    for (const { owner, statement } of onAnything) {
      expect(list(statement.Resource), owner).toEqual(['*'])
      for (const action of list(statement.Action))
        expect(ONLY_ON_ANY_RESOURCE.has(action), `${owner}: ${action} on *`).toBe(true)
    }
    // No action wildcards anywhere (s3:* appears only in the buckets' Deny).
    for (const { owner, statement } of allAllowStatements())
      for (const action of list(statement.Action)) expect(action, owner).not.toMatch(/\*/)
  })

  it('lets the attaching function attach nothing else and call nothing else', () => {
    const functionRole = Object.entries(resources).find(
      ([id, resource]) => resource.Type === 'AWS::IAM::Role' && id.startsWith('BrowserIotAccess'),
    )?.[0]
    const statements = allAllowStatements().filter(({ owner }) =>
      JSON.stringify(resources[owner]?.Properties['Roles'] ?? '').includes(functionRole ?? '?'),
    )
    expect(statements.map(({ statement }) => statement.Action)).toEqual(['iot:AttachPolicy'])
    const lambda = Object.values(resources).find(
      (resource) =>
        resource.Type === 'AWS::Lambda::Function' &&
        resource.Properties['FunctionName'] === ATTACH_IOT_POLICY_FUNCTION_NAME,
    )
    expect(lambda?.Properties['Environment']).toMatchObject({
      Variables: { IOT_POLICY_NAME: expect.stringMatching(/^<BrowserIotAccessDashboardPolicy/) },
    })
  })
})

describe('the browser IoT policy', () => {
  it('is the data-plane part of the dashboard roles, from the same statements', () => {
    const policy = Object.values(resources).find((resource) => resource.Type === 'AWS::IoT::Policy')
    expect(policy?.Properties['PolicyName']).toBe(DASHBOARD_IOT_POLICY_NAME)
    expect(policy?.Properties['PolicyDocument']).toEqual(dashboardIotPolicyDocument(SCOPE))
    const document = dashboardIotPolicyDocument(SCOPE)
    const actions = document.Statement.flatMap((statement) => statement.Action)
    expect(actions.sort()).toEqual([
      'iot:Connect',
      'iot:GetThingShadow',
      'iot:Receive',
      'iot:Subscribe',
    ])
    const viewerActions = actionsOf(iamStatementsOf('viewer', SCOPE))
    expect(
      actions.every((action) => isDataPlaneAction(action) && viewerActions.includes(action)),
    ).toBe(true)
    const where = `arn:aws:iot:${TEST_ENV.region}:${TEST_ENV.account}`
    expect(document.Statement).toContainEqual({
      Effect: 'Allow',
      Action: ['iot:Connect'],
      Resource: [`${where}:client/fleetdeck-dashboard-*`],
    })
    expect(document.Statement).toContainEqual({
      Effect: 'Allow',
      Action: ['iot:Subscribe'],
      Resource: [
        `${where}:topicfilter/$aws/events/*`,
        `${where}:topicfilter/$aws/things/*/shadow/*`,
      ],
    })
  })
})

/**
 * The local cloud's edge (local/edge/authorize.ts) and the deployed roles
 * decide alike: what a deployed role holds, the edge permits for that role;
 * what no deployed statement grants, the edge refuses.
 */
describe('the local cloud and the deployment', () => {
  const deployedWhere = `${TEST_ENV.region}:${TEST_ENV.account}`
  const localResource = (action: string, resource: string): string => {
    // The edge checks IoT API calls against the whole account.
    if (action in IOT_ACTION_RESOURCE_TYPES) return `arn:aws:iot:${LOCAL_REGION}:${ACCOUNT_ID}:*`
    return resource
      .replace(`:${deployedWhere}:`, `:${LOCAL_REGION}:${ACCOUNT_ID}:`)
      .replace(`::${TEST_ENV.account}:`, `::${ACCOUNT_ID}:`)
      .replace(SCOPE.firmwareBucket, BUCKET_NAMES.firmwareBucket)
      .replace(SCOPE.configBucket, BUCKET_NAMES.configBucket)
      .replaceAll('*', 'x')
  }
  const principal = (role: FleetdeckRole) => ({
    role,
    accessKeyId: 'test-key',
    arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${ROLE_NAMES[role]}/test`,
  })

  it.each(ROLES)('permit %s what its deployed statements grant', (role) => {
    for (const statement of statementsOf(role))
      for (const action of list(statement.Action))
        for (const resource of list(statement.Resource))
          expect(
            isPermitted(principal(role), action, localResource(action, resource)),
            action,
          ).toBe(true)
  })

  it.each(ROLES)('refuse %s the actions its deployed statements lack', (role) => {
    const held = new Set(statementsOf(role).flatMap((statement) => list(statement.Action)))
    const others = [
      ...new Set([
        ...ROLES.flatMap((other) =>
          statementsOf(other).flatMap((statement) => list(statement.Action)),
        ),
        'iot:DeleteJob',
        'iot:DeleteThing',
        'iot:AttachPolicy',
        'iot:UpdateIndexingConfiguration',
        's3:DeleteObject',
      ]),
    ].filter((action) => !held.has(action))
    expect(others.length).toBeGreaterThan(0)
    for (const action of others) {
      const resource = action.startsWith('s3:')
        ? `arn:aws:s3:::${BUCKET_NAMES.firmwareBucket}/x`
        : `arn:aws:iot:${LOCAL_REGION}:${ACCOUNT_ID}:*`
      expect(isPermitted(principal(role), action, resource), action).toBe(false)
    }
  })
})
