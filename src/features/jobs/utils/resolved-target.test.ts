import { describe, expect, it } from 'vitest'
import { preflightTargetOf, targetLabelOf } from './resolved-target.ts'

const queryTarget = { kind: 'query', queryString: 'attributes.site:lyon' } as const

describe('preflightTargetOf', () => {
  it("checks a snapshot query's matched things, and any other target as chosen", () => {
    expect(
      preflightTargetOf({
        target: queryTarget,
        targets: { kind: 'arns', arns: ['arn:aws:iot:us-east-1:000000000000:thing/lamp-0001'] },
      }),
    ).toEqual({ kind: 'things', thingNames: ['lamp-0001'] })
    expect(preflightTargetOf({ target: queryTarget, targets: undefined })).toBe(queryTarget)
    expect(preflightTargetOf(undefined)).toBeUndefined()
  })
})

describe('targetLabelOf', () => {
  it('names the target, and what a query resolves to', () => {
    expect(
      targetLabelOf({
        target: { kind: 'things', thingNames: ['a', 'b', 'c', 'd', 'e', 'f'] },
        targets: undefined,
      }),
    ).toBe('6 things: a, b, c, d, e, …')
    expect(
      targetLabelOf({ target: queryTarget, targets: { kind: 'arns', arns: ['x', 'y'] } }),
    ).toBe(
      'Query attributes.site:lyon: the 2 things it matches now (snapshot; no group is created)',
    )
    expect(
      targetLabelOf({
        target: queryTarget,
        targets: { kind: 'dynamic-group', queryString: queryTarget.queryString },
      }),
    ).toContain('a new dynamic thing group fleetdeck-<job id>')
  })
})
