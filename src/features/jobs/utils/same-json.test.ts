import { describe, expect, it } from 'vitest'
import { sameJsonText } from './same-json.ts'

describe('sameJsonText', () => {
  it('ignores key order and spacing', () => {
    expect(sameJsonText('{"a":1,"b":{"c":[1,2]}}', '{ "b": { "c": [1, 2] }, "a": 1 }')).toBe(true)
  })

  it('sees a changed value, a reordered array or an extra field', () => {
    expect(sameJsonText('{"a":1}', '{"a":2}')).toBe(false)
    expect(sameJsonText('{"a":[1,2]}', '{"a":[2,1]}')).toBe(false)
    expect(sameJsonText('{"a":1}', '{"a":1,"b":null}')).toBe(false)
  })

  it('is false for text that is not JSON', () => {
    expect(sameJsonText('{', '{')).toBe(false)
  })
})
