import { describe, expect, it } from 'vitest'
import {
  ATTACH_IOT_POLICY_FUNCTION_NAME,
  fleetdeckRoleOf,
  isAllowed,
  permissionsOf,
  ROLE_NAMES,
  ROLE_PERMISSIONS,
} from './permissions.ts'

const names = { firmwareBucket: 'fw', configBucket: 'cfg' }
const viewer = permissionsOf('viewer', names)
const operator = permissionsOf('operator', names)
const presigner = permissionsOf('iotPresigner', names)
const ANY_JOB = 'arn:aws:iot:us-east-1:000000000000:job/j1'

describe('role permissions', () => {
  it('let a viewer read jobs, things and the catalog, and change nothing', () => {
    for (const action of ['iot:DescribeJob', 'iot:ListJobExecutionsForJob', 'iot:GetJobDocument'])
      expect(isAllowed(viewer, action, ANY_JOB), action).toBe(true)
    expect(isAllowed(viewer, 's3:GetObject', 'arn:aws:s3:::fw/sensor/1.0.0.bin')).toBe(true)
    expect(isAllowed(viewer, 's3:ListBucket', 'arn:aws:s3:::cfg')).toBe(true)
    for (const action of [
      'iot:CreateJob',
      'iot:CancelJob',
      'iot:CancelJobExecution',
      'iot:UpdateJob',
    ])
      expect(isAllowed(viewer, action, ANY_JOB), action).toBe(false)
    expect(isAllowed(viewer, 's3:PutObject', 'arn:aws:s3:::fw/x.bin')).toBe(false)
  })

  it('let an operator run rollouts and upload firmware, but not delete or touch the registry', () => {
    for (const action of ['iot:CreateJob', 'iot:CancelJob', 'iot:CancelJobExecution'])
      expect(isAllowed(operator, action, ANY_JOB), action).toBe(true)
    expect(isAllowed(operator, 's3:PutObject', 'arn:aws:s3:::fw/sensor/2.0.0.bin')).toBe(true)
    for (const action of [
      'iot:DeleteJob',
      'iot:DeleteThing',
      'iot:CreateThing',
      'iot:AttachPolicy',
    ])
      expect(isAllowed(operator, action, ANY_JOB), action).toBe(false)
    expect(isAllowed(operator, 's3:DeleteObject', 'arn:aws:s3:::fw/x.bin')).toBe(false)
  })

  it('let an operator pass only the pre-signing role to the Jobs service', () => {
    const role = (name: string) => `arn:aws:iam::000000000000:role/${name}`
    expect(isAllowed(operator, 'iam:PassRole', role(ROLE_NAMES.iotPresigner))).toBe(true)
    expect(isAllowed(operator, 'iam:PassRole', role(ROLE_NAMES.operator))).toBe(false)
    expect(isAllowed(viewer, 'iam:PassRole', role(ROLE_NAMES.iotPresigner))).toBe(false)
  })

  it('confine object access to the deployment’s two buckets', () => {
    expect(isAllowed(operator, 's3:GetObject', 'arn:aws:s3:::other/x.bin')).toBe(false)
    expect(isAllowed(operator, 's3:PutObject', 'arn:aws:s3:::fw-evil/x.bin')).toBe(false)
    expect(isAllowed(viewer, 's3:ListBucket', 'arn:aws:s3:::fw/x')).toBe(false)
  })

  it('give the pre-signing role downloads only', () => {
    expect(isAllowed(presigner, 's3:GetObject', 'arn:aws:s3:::fw/a.bin')).toBe(true)
    expect(isAllowed(presigner, 's3:PutObject', 'arn:aws:s3:::fw/a.bin')).toBe(false)
    expect(isAllowed(presigner, 'iot:DescribeJob', ANY_JOB)).toBe(false)
  })

  it('let an operator make the thing groups of its jobs, and a viewer none', () => {
    for (const action of [
      'iot:CreateDynamicThingGroup',
      'iot:DeleteDynamicThingGroup',
      'iot:CreateThingGroup',
      'iot:AddThingToThingGroup',
    ]) {
      expect(isAllowed(operator, action, ANY_JOB), action).toBe(true)
      expect(isAllowed(viewer, action, ANY_JOB), action).toBe(false)
    }
    expect(isAllowed(operator, 'iot:DeleteThingGroup', ANY_JOB)).toBe(false)
  })

  it('name every action, so nothing AWS adds later is granted unseen', () => {
    for (const statements of Object.values(ROLE_PERMISSIONS))
      for (const { actions } of statements)
        for (const action of actions) expect(action, action).not.toMatch(/[*?]/)
    // Reads the dashboard does not make stay refused.
    expect(isAllowed(viewer, 'iot:GetPolicy', ANY_JOB)).toBe(false)
    expect(isAllowed(viewer, 'iot:ListCertificates', ANY_JOB)).toBe(false)
  })

  it('let both roles ask for the IoT policy their MQTT connection needs', () => {
    const attacher = `arn:aws:lambda:eu-west-1:123456789012:function:${ATTACH_IOT_POLICY_FUNCTION_NAME}`
    for (const role of [viewer, operator])
      expect(isAllowed(role, 'lambda:InvokeFunctionUrl', attacher)).toBe(true)
    expect(isAllowed(viewer, 'lambda:InvokeFunctionUrl', `${attacher}-other`)).toBe(false)
  })

  it('compare actions without regard to case, as IAM does', () => {
    expect(isAllowed(viewer, 'IOT:describejob', ANY_JOB)).toBe(true)
  })
})

describe('fleetdeckRoleOf', () => {
  it('names the role of a Fleetdeck role ARN, with or without a path', () => {
    expect(fleetdeckRoleOf(`arn:aws:iam::123456789012:role/${ROLE_NAMES.viewer}`)).toBe('viewer')
    expect(fleetdeckRoleOf(`arn:aws:iam::123456789012:role/app/${ROLE_NAMES.operator}`)).toBe(
      'operator',
    )
    expect(fleetdeckRoleOf('arn:aws:iam::123456789012:role/someone-else')).toBeUndefined()
    expect(fleetdeckRoleOf(ROLE_NAMES.viewer)).toBeUndefined()
  })
})
