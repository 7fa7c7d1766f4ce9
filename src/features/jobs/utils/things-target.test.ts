import { describe, expect, it } from 'vitest'
import { thingsTargetFor, TooManyThingsError, type TargetThing } from './things-target.ts'

const things = (count: number): TargetThing[] =>
  Array.from({ length: count }, (_, index) => ({
    thingName: `t-${String(index).padStart(5, '0')}`,
    thingArn: `arn:aws:iot:us-east-1:000000000000:thing/t-${String(index).padStart(5, '0')}`,
  }))

describe('thingsTargetFor', () => {
  it('targets up to 100 things by ARN, each once', () => {
    const list = things(100)
    const target = thingsTargetFor('job', [...list, list[0] as TargetThing])
    expect(target).toEqual({ kind: 'arns', arns: list.map((thing) => thing.thingArn) })
  })

  it('puts more than 100 into a static group named after the job', () => {
    const target = thingsTargetFor('retry-1', things(101))
    expect(target.kind === 'group' && [target.thingGroupName, target.things.length]).toEqual([
      'fleetdeck-retry-1',
      101,
    ])
    expect(thingsTargetFor('j', things(3), { maxThingTargets: 2 }).kind).toBe('group')
  })

  it('refuses more than the group bound with a clear reason', () => {
    expect(() => thingsTargetFor('j', things(11), { maxGroupThings: 10 })).toThrow(
      TooManyThingsError,
    )
    expect(() => thingsTargetFor('j', things(11), { maxGroupThings: 10 })).toThrow(/wizard/)
  })
})
