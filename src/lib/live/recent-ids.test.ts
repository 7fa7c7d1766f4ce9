import { describe, expect, it } from 'vitest'
import { createRecentIds } from './recent-ids.ts'

describe('createRecentIds', () => {
  it('says an id is new once', () => {
    const recent = createRecentIds(10)
    expect(recent.isNew('a')).toBe(true)
    expect(recent.isNew('a')).toBe(false)
    expect(recent.isNew('b')).toBe(true)
  })

  it('forgets the least recently seen id beyond its capacity, and no more', () => {
    const recent = createRecentIds(3)
    for (const id of ['a', 'b', 'c']) recent.isNew(id)
    // Seeing `a` again makes `b` the oldest.
    expect(recent.isNew('a')).toBe(false)
    expect(recent.isNew('d')).toBe(true)
    expect(recent.size()).toBe(3)
    expect(recent.isNew('a')).toBe(false)
    expect(recent.isNew('c')).toBe(false)
    expect(recent.isNew('b')).toBe(true)
  })

  it('stays bounded under a long stream', () => {
    const recent = createRecentIds(100)
    for (let index = 0; index < 10_000; index += 1) recent.isNew(`event-${index}`)
    expect(recent.size()).toBe(100)
    expect(recent.isNew('event-9999')).toBe(false)
    expect(recent.isNew('event-0')).toBe(true)
  })
})
