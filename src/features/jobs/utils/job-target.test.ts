import { describe, expect, it } from 'vitest'
import { parseFleetIndexQuery } from '@domain/fleet-index-query.ts'
import {
  checkTarget,
  dynamicGroupNameFor,
  queryTargetProblem,
  splitThingNames,
  targetName,
  targetScopeQuery,
} from './job-target.ts'
import { modelQuery, unknownQuery } from './preflight-queries.ts'

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

  it('leaves room for the two terms the preflight adds to a query', () => {
    const terms = (count: number) =>
      Array.from({ length: count }, (_, index) => `attributes.a${index}:x`).join(' AND ')
    expect(checkTarget('query', { ...fields, query: terms(10) }).ok).toBe(true)
    const eleven = checkTarget('query', { ...fields, query: terms(11) })
    expect(!eleven.ok && eleven.message).toMatch(/at most 10 terms/)
    for (const query of [terms(10), terms(2)]) {
      const wrapped = unknownQuery(targetScopeQuery({ kind: 'query', queryString: query }), {
        model: 'lamp-v2',
        version: '',
      })
      expect(parseFleetIndexQuery(wrapped).ok).toBe(true)
    }
  })

  it('budgets the preflight wrapper within the 100 characters of a leading-wildcard query', () => {
    const short = 'thingName:*lamp'
    expect(queryTargetProblem(short, 'lamp-v2')).toBeUndefined()
    // Alone it would be within 100 characters; wrapped it is not.
    const long = `thingName:*${'a'.repeat(60)}`
    expect(parseFleetIndexQuery(long).ok).toBe(true)
    expect(queryTargetProblem(long)).toMatch(/shorten it to \d+ characters/)
    const budget = Number(
      /shorten it to (\d+)/.exec(queryTargetProblem(long, 'lamp-v2') ?? '')?.[1],
    )
    const fits = `thingName:*${'a'.repeat(budget - 'thingName:*'.length)}`
    expect(queryTargetProblem(fits, 'lamp-v2')).toBeUndefined()
    expect(queryTargetProblem(`${fits}a`, 'lamp-v2')).toMatch(/lamp-v2/)
    const counting = modelQuery(targetScopeQuery({ kind: 'query', queryString: fits }), {
      model: 'lamp-v2',
      version: '',
    })
    expect(counting.length).toBe(100)
    expect(parseFleetIndexQuery(counting).ok).toBe(true)
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
