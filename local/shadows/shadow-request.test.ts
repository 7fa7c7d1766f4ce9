import { describe, expect, it } from 'vitest'
import { shadowNameProblem, thingNameProblem } from './shadow-names.ts'
import { readTokenOnly, readUpdateRequest, ShadowRejection } from './shadow-request.ts'

const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value))

const nested = (levels: number): unknown =>
  levels === 0 ? 'leaf' : { [`level${levels}`]: nested(levels - 1) }

describe('readUpdateRequest', () => {
  it('reads state, version and clientToken and ignores other members', () => {
    expect(
      readUpdateRequest(
        bytes({ state: { desired: { a: 1 } }, version: 3, clientToken: 't', other: true }),
      ),
    ).toEqual({ state: { desired: { a: 1 } }, version: 3, clientToken: 't' })
  })

  it.each([
    ['not JSON', '{', 400, 'Invalid JSON'],
    ['not an object', '[1]', 400, 'Invalid JSON'],
    ['no state', { version: 1 }, 400, 'Missing required node: state'],
    ['a string state', { state: 'on' }, 400, 'State node must be an object'],
    ['an unknown node', { state: { delta: {} } }, 400, "State contains an invalid node: 'delta'"],
    ['a string desired', { state: { desired: 'x' } }, 400, 'Desired node must be an object'],
    ['an array reported', { state: { reported: [1] } }, 400, 'Reported node must be an object'],
    ['a fractional version', { state: {}, version: 1.5 }, 400, 'Invalid version'],
    ['a string version', { state: {}, version: '1' }, 400, 'Invalid version'],
    ['a long clientToken', { state: {}, clientToken: 'x'.repeat(65) }, 400, 'Invalid clientToken'],
    [
      'seven levels',
      { state: { desired: nested(7) } },
      400,
      'JSON contains too many levels of nesting; maximum is 6',
    ],
    [
      'over 8 KB of state',
      { state: { reported: { big: 'x'.repeat(8 * 1024) } } },
      413,
      'The payload exceeds the maximum size allowed',
    ],
  ])('refuses %s', (_, payload, code, message) => {
    const result = readUpdateRequest(bytes(payload))
    expect(result).toBeInstanceOf(ShadowRejection)
    expect(result).toMatchObject({ code, message })
  })

  it('accepts six levels, a null state and null sections', () => {
    expect(readUpdateRequest(bytes({ state: { desired: nested(6) } }))).not.toBeInstanceOf(
      ShadowRejection,
    )
    expect(readUpdateRequest(bytes({ state: null }))).toEqual({ state: null })
    expect(readUpdateRequest(bytes({ state: { desired: null } }))).toEqual({
      state: { desired: null },
    })
  })

  it('refuses null inside arrays', () => {
    expect(readUpdateRequest(bytes({ state: { desired: { c: [null, 'RED'] } } }))).toMatchObject({
      code: 400,
    })
  })

  it('refuses bytes that are not UTF-8 with 415', () => {
    expect(readUpdateRequest(new Uint8Array([0x7b, 0xff, 0x7d]))).toMatchObject({ code: 415 })
  })

  it('echoes the clientToken in rejections that come after reading it', () => {
    expect(readUpdateRequest(bytes({ clientToken: 'abc', state: 'x' }))).toMatchObject({
      clientToken: 'abc',
    })
  })
})

describe('readTokenOnly', () => {
  it('accepts an empty payload and ignores all but the token', () => {
    expect(readTokenOnly(new Uint8Array())).toEqual({})
    expect(readTokenOnly(bytes('not json'))).toEqual({})
    expect(readTokenOnly(bytes({ clientToken: 'x', state: 1 }))).toEqual({ clientToken: 'x' })
  })

  it('refuses a token that is not a string of at most 64 bytes', () => {
    expect(readTokenOnly(bytes({ clientToken: 5 }))).toMatchObject({ code: 400 })
  })
})

describe('names', () => {
  it('accepts the reserved $package shadow and refuses other $ names', () => {
    expect(shadowNameProblem('$package')).toBeUndefined()
    expect(shadowNameProblem('$other')).toBeDefined()
  })

  it.each(['a b', '', 'x'.repeat(65), 'ü'])('refuses the shadow name %j', (name) => {
    expect(shadowNameProblem(name)).toBeDefined()
  })

  it('limits thing names to 128 characters of the allowed set', () => {
    expect(thingNameProblem('dev-1:a_b')).toBeUndefined()
    expect(thingNameProblem('x'.repeat(129))).toBeDefined()
    expect(thingNameProblem('a/b')).toBeDefined()
  })
})
