import { describe, expect, it } from 'vitest'
import { parseJobTargetArn, thingArn, thingGroupArn } from './arn.ts'

describe('job target ARNs', () => {
  const scope = { region: 'eu-west-1', accountId: '123456789012' }

  it('builds and parses thing and thing group ARNs', () => {
    expect(thingArn(scope, 'thermo:0001')).toBe(
      'arn:aws:iot:eu-west-1:123456789012:thing/thermo:0001',
    )
    expect(parseJobTargetArn(thingGroupArn({ ...scope, partition: 'aws-cn' }, 'line-4'))).toEqual({
      kind: 'thinggroup',
      partition: 'aws-cn',
      region: 'eu-west-1',
      accountId: '123456789012',
      name: 'line-4',
    })
  })

  it.each([
    'arn:aws:iot:eu-west-1:123456789012:job/j1',
    'arn:aws:iot:eu-west-1:1234:thing/t1',
    'arn:aws:iot:eu-west-1:123456789012:thing/',
    'arn:aws:iot:eu-west-1:123456789012:thing/bad name',
    'thing/t1',
  ])('refuses %s', (arn) => {
    expect(parseJobTargetArn(arn)).toBeUndefined()
  })
})
