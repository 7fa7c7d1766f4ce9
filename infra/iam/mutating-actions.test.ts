import { describe, expect, it } from 'vitest'
import { isMutatingAction } from './mutating-actions.ts'

describe('isMutatingAction', () => {
  it('knows writes by the verb AWS starts their names with', () => {
    for (const action of [
      'iot:CreateJob',
      'iot:CancelJobExecution',
      'iot:UpdateJob',
      'iot:DeleteDynamicThingGroup',
      'iot:AssociateTargetsWithJob',
      'iot:AttachPolicy',
      'iot:TagResource',
      'iot:Publish',
      's3:PutObject',
      's3:AbortMultipartUpload',
      'iam:PassRole',
    ])
      expect(isMutatingAction(action), action).toBe(true)
  })

  it('lets reads and listening through', () => {
    for (const action of [
      'iot:DescribeJob',
      'iot:ListJobExecutionsForJob',
      'iot:GetThingShadow',
      'iot:SearchIndex',
      'iot:Connect',
      'iot:Subscribe',
      'iot:Receive',
      's3:GetObject',
      's3:ListBucket',
    ])
      expect(isMutatingAction(action), action).toBe(false)
  })
})
