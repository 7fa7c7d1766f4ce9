import { describe, expect, it } from 'vitest'
import {
  checkTarget,
  dynamicGroupNameFor,
  splitThingNames,
  targetName,
  targetScopeQuery,
} from './job-target.ts'

const fields = { name: '', names: '', query: '' }

describe('checkTarget', () => {
  it('accepts one thing or one group by name', () => {
    expect(checkTarget('thing', { ...fields, name: ' lamp-0001 ' })).toEqual({
      ok: true,
      target: { kind: 'thing', thingName: 'lamp-0001' },
    })
    expect(checkTarget('group', { ...fields, name: 'model-lamp-v2' }).ok).toBe(true)
  })

  it('refuses a name AWS refuses, saying why', () => {
    const result = checkTarget('thing', { ...fields, name: 'lamp 1/2' })
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/Thing name/) })
  })

  it('takes several things separated by lines, commas or spaces, at most 100', () => {
    const result = checkTarget('things', { ...fields, names: 'a, b\nc d' })
    expect(result).toEqual({
      ok: true,
      target: { kind: 'things', thingNames: ['a', 'b', 'c', 'd'] },
    })
    const many = Array.from({ length: 101 }, (_, index) => `t${index}`).join('\n')
    expect(checkTarget('things', { ...fields, names: many })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/at most 100/),
    })
    expect(checkTarget('things', { ...fields, names: 'a a' })).toMatchObject({
      ok: false,
      message: 'a is listed twice.',
    })
  })

  it('checks a query with the fleet-index parser', () => {
    expect(checkTarget('query', { ...fields, query: 'attributes.site:berlin' }).ok).toBe(true)
    expect(checkTarget('query', { ...fields, query: 'thingName:(' }).ok).toBe(false)
    expect(checkTarget('query', fields).ok).toBe(false)
  })
})

describe('target helpers', () => {
  it('names targets and scopes groups and queries', () => {
    expect(targetName({ kind: 'things', thingNames: ['a', 'b'] })).toBe('2 things')
    expect(targetScopeQuery({ kind: 'group', thingGroupName: 'g"1' })).toBe(
      'thingGroupNames:"g\\"1"',
    )
    expect(targetScopeQuery({ kind: 'query', queryString: 'a OR b' })).toBe('(a OR b)')
    expect(splitThingNames(' \n ')).toEqual([])
    expect(dynamicGroupNameFor('job-1')).toBe('fleetdeck-job-1')
  })
})
