import { describe, expect, it } from 'vitest'
import {
  applyPatch,
  computeDelta,
  hasNullInArray,
  levelsOf,
  metadataOf,
  patchMetadata,
  type StateWithMetadata,
} from './shadow-state.ts'

const empty: StateWithMetadata = { state: {}, metadata: {} }

describe('applyPatch', () => {
  it('sets members with a timestamp per leaf, objects mirrored in the metadata', () => {
    const result = applyPatch(
      empty,
      { desired: { color: 'red', engine: { rpm: 900, on: true }, colors: ['a', 'b'] } },
      100,
    )
    expect(result.state).toEqual({
      desired: { color: 'red', engine: { rpm: 900, on: true }, colors: ['a', 'b'] },
    })
    expect(result.metadata).toEqual({
      desired: {
        color: { timestamp: 100 },
        engine: { rpm: { timestamp: 100 }, on: { timestamp: 100 } },
        colors: { timestamp: 100 },
      },
    })
  })

  it('merges objects member by member and keeps the timestamps of untouched members', () => {
    const first = applyPatch(empty, { reported: { engine: { rpm: 900, on: true } } }, 100)
    const second = applyPatch(first, { reported: { engine: { rpm: 1200 } } }, 200)
    expect(second.state.reported).toEqual({ engine: { rpm: 1200, on: true } })
    expect(second.metadata.reported).toEqual({
      engine: { rpm: { timestamp: 200 }, on: { timestamp: 100 } },
    })
  })

  it('replaces arrays whole', () => {
    const first = applyPatch(empty, { desired: { colors: ['RED', 'GREEN', 'BLUE'] } }, 1)
    expect(applyPatch(first, { desired: { colors: ['RED'] } }, 2).state.desired).toEqual({
      colors: ['RED'],
    })
  })

  it('removes members set to null, and a section that becomes empty', () => {
    const first = applyPatch(empty, { desired: { a: 1, b: { c: 2 } }, reported: { a: 1 } }, 1)
    const second = applyPatch(first, { desired: { b: { c: null } } }, 2)
    expect(second.state).toEqual({ desired: { a: 1 }, reported: { a: 1 } })
    expect(second.metadata.desired).toEqual({ a: { timestamp: 1 } })
    const third = applyPatch(second, { desired: { a: null } }, 3)
    expect(third.state).toEqual({ reported: { a: 1 } })
    expect(third.metadata).toEqual({ reported: { a: { timestamp: 1 } } })
  })

  it('removes a whole section set to null, and both for a null state', () => {
    const first = applyPatch(empty, { desired: { a: 1 }, reported: { a: 2 } }, 1)
    expect(applyPatch(first, { desired: null }, 2).state).toEqual({ reported: { a: 2 } })
    expect(applyPatch(first, null, 2)).toEqual(empty)
  })

  it('replaces a scalar with an object and an object with a scalar', () => {
    const first = applyPatch(empty, { reported: { a: 1, b: { c: 1 } } }, 1)
    const second = applyPatch(first, { reported: { a: { x: 1, gone: null }, b: 'flat' } }, 2)
    expect(second.state.reported).toEqual({ a: { x: 1 }, b: 'flat' })
    expect(second.metadata.reported).toEqual({
      a: { x: { timestamp: 2 } },
      b: { timestamp: 2 },
    })
  })

  it('treats __proto__ as an ordinary member', () => {
    const patch = JSON.parse('{"reported":{"__proto__":{"polluted":true}}}') as {
      reported: Record<string, never>
    }
    const result = applyPatch(empty, patch, 1)
    expect(Object.keys(result.state.reported ?? {})).toEqual(['__proto__'])
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
  })

  it('does not change the shadow it was given', () => {
    const first = applyPatch(empty, { desired: { a: { b: 1 } } }, 1)
    const copy = structuredClone(first)
    applyPatch(first, { desired: { a: { b: 2, c: 3 } } }, 2)
    expect(first).toEqual(copy)
  })
})

describe('computeDelta', () => {
  it('holds desired members that are missing from or differ from reported', () => {
    expect(
      computeDelta(
        { color: 'red', power: 'on', mode: 'eco', tags: ['a'] },
        { color: 'green', power: 'on', temperature: 21, tags: ['a'] },
      ),
    ).toEqual({ color: 'red', mode: 'eco' })
  })

  it('compares objects member by member and arrays whole', () => {
    expect(
      computeDelta(
        { engine: { rpm: 900, on: true }, list: [1, 2] },
        { engine: { rpm: 900, on: false }, list: [1] },
      ),
    ).toEqual({ engine: { on: true }, list: [1, 2] })
  })

  it('is undefined when reported matches desired or nothing is desired', () => {
    expect(computeDelta({ a: { b: 1 } }, { a: { b: 1 }, c: 2 })).toBeUndefined()
    expect(computeDelta(undefined, { a: 1 })).toBeUndefined()
  })

  it('holds everything desired when nothing is reported', () => {
    expect(computeDelta({ a: 1 }, undefined)).toEqual({ a: 1 })
  })
})

describe('metadata of a delta and of a request', () => {
  it('picks the desired timestamps of the delta members', () => {
    const shadow = applyPatch(
      empty,
      { desired: { engine: { rpm: 900, on: true }, color: 'red', same: 1 } },
      5,
    )
    expect(metadataOf({ engine: { on: true }, color: 'red' }, shadow.metadata.desired)).toEqual({
      engine: { on: { timestamp: 5 } },
      color: { timestamp: 5 },
    })
  })

  it('stamps every member a request names, null ones included', () => {
    expect(patchMetadata({ a: null, b: { c: 1 } }, 9)).toEqual({
      a: { timestamp: 9 },
      b: { c: { timestamp: 9 } },
    })
  })
})

describe('limits', () => {
  it('counts levels of nesting through objects and arrays', () => {
    expect(levelsOf('x')).toBe(0)
    expect(levelsOf({ a: 1 })).toBe(1)
    expect(levelsOf({ a: { b: [1] } })).toBe(3)
  })

  it('finds a null inside an array at any depth', () => {
    expect(hasNullInArray({ a: [1, null] })).toBe(true)
    expect(hasNullInArray({ a: { b: [[null]] } })).toBe(true)
    expect(hasNullInArray({ a: null, b: [1] })).toBe(false)
  })
})
