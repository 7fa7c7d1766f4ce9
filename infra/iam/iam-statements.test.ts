import { describe, expect, it } from 'vitest'
import { ROLE_PERMISSIONS } from '../../domain/permissions.ts'
import { actionsOf, iamStatementsFrom, iamStatementsOf } from './iam-statements.ts'
import { IOT_ACTION_RESOURCE_TYPES } from './iot-resource-types.ts'

const SCOPE = {
  partition: 'aws',
  region: 'eu-west-1',
  account: '123456789012',
  firmwareBucket: 'fw',
  configBucket: 'cfg',
}

describe('iamStatementsOf', () => {
  it('pins the account, region and buckets the domain leaves open', () => {
    const viewer = iamStatementsOf('viewer', SCOPE)
    const resources = viewer.flatMap((statement) => statement.resources)
    expect(resources).toContain('arn:aws:iot:eu-west-1:123456789012:client/fleetdeck-dashboard-*')
    expect(resources).toContain('arn:aws:s3:::fw/*')
    expect(resources).toContain(
      'arn:aws:lambda:eu-west-1:123456789012:function:fleetdeck-attach-iot-policy',
    )
    expect(resources.filter((resource) => /:\*:\*:|::\*:/.test(resource))).toEqual([])
  })

  it('narrows "any resource" to the IAM resource types of each IoT action', () => {
    const operator = iamStatementsOf('operator', SCOPE)
    const onCreateJob = operator.find((statement) => statement.actions.includes('iot:CreateJob'))
    expect(onCreateJob?.resources).toEqual([
      'arn:aws:iot:eu-west-1:123456789012:job/*',
      'arn:aws:iot:eu-west-1:123456789012:thing/*',
      'arn:aws:iot:eu-west-1:123456789012:thinggroup/*',
      'arn:aws:iot:eu-west-1:123456789012:jobtemplate/*',
    ])
    const onSearch = operator.find((statement) => statement.actions.includes('iot:SearchIndex'))
    expect(onSearch?.resources).toEqual(['arn:aws:iot:eu-west-1:123456789012:index/AWS_Things'])
    const onListJobs = operator.find((statement) => statement.actions.includes('iot:ListJobs'))
    expect(onListJobs?.resources).toEqual(['*'])
  })

  it('keeps every action of the domain, each in one statement', () => {
    for (const role of ['operator', 'viewer', 'iotPresigner'] as const) {
      const listed = ROLE_PERMISSIONS[role].flatMap((statement) => statement.actions)
      const translated = iamStatementsOf(role, SCOPE).flatMap((statement) => statement.actions)
      expect(translated.sort()).toEqual([...new Set(listed)].sort())
      expect(actionsOf(iamStatementsOf(role, SCOPE)).length).toBe(translated.length)
    }
  })

  it('knows the resource types of every IoT action the domain grants on "*"', () => {
    const onAnything = Object.values(ROLE_PERMISSIONS)
      .flat()
      .filter((statement) => statement.resources.includes('*'))
      .flatMap((statement) => statement.actions)
    expect(onAnything.filter((action) => !(action in IOT_ACTION_RESOURCE_TYPES))).toEqual([])
  })
})

describe('iamStatementsFrom', () => {
  const translate = (actions: string[], resources: string[]) =>
    iamStatementsFrom([{ actions, resources }], SCOPE)

  it('refuses action wildcards, which would grant whatever AWS adds later', () => {
    expect(() => translate(['iot:List*'], ['*'])).toThrow('name actions one by one')
  })

  it('refuses an IoT action on "*" whose resource types it does not know', () => {
    expect(() => translate(['iot:DeleteThing'], ['*'])).toThrow(
      'iot:DeleteThing is granted on "*" in domain/permissions.ts',
    )
  })

  it('refuses any other service on "*"', () => {
    expect(() => translate(['s3:GetObject'], ['*'])).toThrow('give these a resource')
  })

  it('passes a role to AWS IoT only, in a statement of its own', () => {
    expect(translate(['iam:PassRole'], ['arn:aws:iam::*:role/x'])).toEqual([
      {
        actions: ['iam:PassRole'],
        resources: ['arn:aws:iam::123456789012:role/x'],
        conditions: { StringEquals: { 'iam:PassedToService': 'iot.amazonaws.com' } },
      },
    ])
    expect(() => translate(['iam:PassRole', 'iam:GetRole'], ['arn:aws:iam::*:role/x'])).toThrow(
      'statement of its own',
    )
  })
})
