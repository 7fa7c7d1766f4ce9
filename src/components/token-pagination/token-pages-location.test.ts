import { describe, expect, it } from 'vitest'
import { FIRST_PAGE, goToPage } from './token-pages.ts'
import {
  locateTokenPages,
  pageNumberOf,
  pageParamValue,
  TOKEN_PAGES_STATE_KEY,
  unreachablePageMessage,
  withStoredTokenPages,
} from './token-pages-location.ts'

const LIST = { scope: 'thingName:*' }
const third = goToPage(goToPage(FIRST_PAGE, 2, 't2'), 3, 't3')

describe('a token-paged list in the URL and history state', () => {
  it('round-trips a page through the URL parameter and the history entry', () => {
    const state = withStoredTokenPages(undefined, LIST, third)
    expect(pageParamValue(third)).toBe('3')
    expect(locateTokenPages('3', state, LIST)).toEqual({ pages: third })
    // Back to page 1 of the same entry's tokens: later pages stay reachable.
    expect(locateTokenPages(null, state, LIST)).toEqual({
      pages: { tokens: ['t2', 't3'], pageIndex: 1 },
    })
  })

  it('leaves page 1 out of the URL, so the plain URL is the first page', () => {
    expect(pageParamValue(FIRST_PAGE)).toBeUndefined()
    expect(locateTokenPages(null, undefined, LIST)).toEqual({ pages: FIRST_PAGE })
  })

  it('shows page 1 and says so when a shared link has no tokens for its page', () => {
    expect(locateTokenPages('4', undefined, LIST)).toEqual({
      pages: FIRST_PAGE,
      unreachablePage: 4,
    })
    expect(unreachablePageMessage(4)).toMatch(/page 4.*page 1 is shown/)
    // Tokens that reach page 3 do not reach page 5.
    const state = withStoredTokenPages(undefined, LIST, third)
    expect(locateTokenPages('5', state, LIST)).toEqual({
      pages: { tokens: ['t2', 't3'], pageIndex: 1 },
      unreachablePage: 5,
    })
  })

  it("never uses another list's tokens", () => {
    const state = withStoredTokenPages(undefined, LIST, third)
    expect(locateTokenPages('2', state, { scope: 'thingName:a*' })).toEqual({
      pages: FIRST_PAGE,
      unreachablePage: 2,
    })
    expect(locateTokenPages('2', state, { ...LIST, param: 'jobsPage' }).pages).toBe(FIRST_PAGE)
  })

  it('keeps whatever else the history entry holds, and other lists too', () => {
    const first = withStoredTokenPages({ from: '/x' }, LIST, third)
    const both = withStoredTokenPages(first, { scope: 'j', param: 'jobsPage' }, FIRST_PAGE)
    expect(both).toEqual({
      from: '/x',
      [TOKEN_PAGES_STATE_KEY]: {
        page: { scope: LIST.scope, tokens: ['t2', 't3'] },
        jobsPage: { scope: 'j', tokens: [] },
      },
    })
  })

  it('ignores a state it did not write, and page numbers that are not numbers', () => {
    for (const state of [
      null,
      'x',
      [],
      { [TOKEN_PAGES_STATE_KEY]: { page: { scope: LIST.scope, tokens: [1] } } },
    ])
      expect(locateTokenPages('2', state, LIST).pages).toBe(FIRST_PAGE)
    for (const text of ['0', '-1', '2.5', 'two', '', '1e3', '99999999999'])
      expect(pageNumberOf(text), text).toBeUndefined()
    expect(pageNumberOf(' 7 ')).toBe(7)
    expect(locateTokenPages('abc', undefined, LIST)).toEqual({ pages: FIRST_PAGE })
  })
})
