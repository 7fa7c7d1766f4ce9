import { useCallback } from 'react'
import { useLocation, useSearchParams } from 'react-router'
import type { TokenPages } from './token-pages.ts'
import {
  DEFAULT_PAGE_PARAM,
  locateTokenPages,
  pageParamValue,
  withStoredTokenPages,
  type LocatedTokenPages,
} from './token-pages-location.ts'

export interface UrlTokenPagesOptions {
  /**
   * What the list is: its query, name prefix or parent's name. Tokens stored
   * for another scope are never used.
   */
  readonly scope: string
  /** The URL parameter for the page number; `page` unless a page shows two lists. */
  readonly param?: string
}

export interface UrlTokenPages extends LocatedTokenPages {
  /** Opens a page: a new history entry, so Back returns to the page before. */
  readonly setPages: (pages: TokenPages) => void
}

/**
 * A token-paged list's current page, kept in the URL (its number) and the
 * history entry (the tokens that reach it); token-pages-location.ts says why.
 * Other query parameters are kept, so filters stay as they are. A filter
 * change that writes fresh parameters drops `page`, which starts the list
 * again at page 1.
 */
export function useUrlTokenPages({
  scope,
  param = DEFAULT_PAGE_PARAM,
}: UrlTokenPagesOptions): UrlTokenPages {
  const [searchParams, setSearchParams] = useSearchParams()
  const state: unknown = useLocation().state
  const located = locateTokenPages(searchParams.get(param), state, { param, scope })
  const setPages = useCallback(
    (pages: TokenPages) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current)
          const value = pageParamValue(pages)
          if (value === undefined) next.delete(param)
          else next.set(param, value)
          return next
        },
        { state: withStoredTokenPages(state, { param, scope }, pages), preventScrollReset: true },
      )
    },
    [setSearchParams, state, param, scope],
  )
  return { ...located, setPages }
}
