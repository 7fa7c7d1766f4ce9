import { describe, expect, it } from 'vitest'
import { FIRST_PAGE, goToPage, hasMorePages, knownPagesCount, tokenOf } from './token-pages.ts'

describe('token pages', () => {
  it("opens the next page with the current page's nextToken and remembers it", () => {
    const second = goToPage(FIRST_PAGE, 2, 't2')
    expect(second).toEqual({ tokens: ['t2'], pageIndex: 2 })
    expect(tokenOf(second)).toBe('t2')
    const third = goToPage(second, 3, 't3')
    expect(tokenOf(third)).toBe('t3')
    expect(knownPagesCount(third)).toBe(3)
  })

  it('goes back to a known page with its token, keeping the rest', () => {
    const third = goToPage(goToPage(FIRST_PAGE, 2, 't2'), 3, 't3')
    const first = goToPage(third, 1, undefined)
    expect(tokenOf(first)).toBeUndefined()
    expect(goToPage(first, 3, 'ignored')).toEqual({ tokens: ['t2', 't3'], pageIndex: 3 })
  })

  it('stays put when the page cannot be reached', () => {
    expect(goToPage(FIRST_PAGE, 2, undefined)).toBe(FIRST_PAGE)
    expect(goToPage(FIRST_PAGE, 3, 't')).toBe(FIRST_PAGE)
    expect(goToPage(FIRST_PAGE, 0, 't')).toBe(FIRST_PAGE)
    // Only the furthest page's token opens a new page.
    const back = goToPage(goToPage(FIRST_PAGE, 2, 't2'), 1, undefined)
    expect(goToPage(back, 3, 'other')).toBe(back)
  })

  it('offers more pages while the last one has a nextToken or later pages are known', () => {
    expect(hasMorePages(FIRST_PAGE, undefined)).toBe(false)
    expect(hasMorePages(FIRST_PAGE, 't2')).toBe(true)
    const back = goToPage(goToPage(FIRST_PAGE, 2, 't2'), 1, undefined)
    expect(hasMorePages(back, undefined)).toBe(true)
  })
})
