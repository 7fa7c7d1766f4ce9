import { describe, expect, it } from 'vitest'
import { parseByteRange } from './byte-range.ts'

describe('Range headers', () => {
  it('reads first-last, open-ended and suffix ranges, clamped to the object', () => {
    expect(parseByteRange('bytes=0-9', 100)).toEqual({ kind: 'partial', start: 0, end: 9 })
    expect(parseByteRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 })
    expect(parseByteRange('bytes=90-500', 100)).toEqual({ kind: 'partial', start: 90, end: 99 })
    expect(parseByteRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 })
    expect(parseByteRange('bytes=-500', 100)).toEqual({ kind: 'partial', start: 0, end: 99 })
  })

  it('serves the whole object for no range, a malformed one or several', () => {
    expect(parseByteRange(null, 100)).toEqual({ kind: 'whole' })
    expect(parseByteRange('bytes=a-b', 100)).toEqual({ kind: 'whole' })
    expect(parseByteRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'whole' })
    expect(parseByteRange('bytes=9-3', 100)).toEqual({ kind: 'whole' })
  })

  it('calls a range past the end unsatisfiable', () => {
    expect(parseByteRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' })
    expect(parseByteRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
    expect(parseByteRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' })
  })
})
