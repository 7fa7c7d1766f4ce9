/**
 * Pages of a list AWS hands out with `nextToken`: a page can only be reached
 * from the one before it, so the tokens seen so far are kept, and the
 * pagination knows every page up to the furthest reached plus, while that
 * page has a nextToken, that there are more.
 */
export interface TokenPages {
  /** tokens[i] opens page i + 2; page 1 needs none. */
  readonly tokens: readonly string[]
  /** From 1, as Cloudscape's Pagination counts. */
  readonly pageIndex: number
}

export const FIRST_PAGE: TokenPages = { tokens: [], pageIndex: 1 }

/** The token that opens the current page. */
export const tokenOf = (pages: TokenPages): string | undefined =>
  pages.pageIndex === 1 ? undefined : pages.tokens[pages.pageIndex - 2]

export const knownPagesCount = (pages: TokenPages): number => pages.tokens.length + 1

/**
 * Moves to a page. A known page opens directly; the page after the
 * furthest one opens with that page's nextToken; anything else is ignored.
 */
export function goToPage(
  pages: TokenPages,
  requestedIndex: number,
  nextTokenOfCurrentPage: string | undefined,
): TokenPages {
  const known = knownPagesCount(pages)
  if (requestedIndex >= 1 && requestedIndex <= known) return { ...pages, pageIndex: requestedIndex }
  const isNextAfterLast = requestedIndex === known + 1 && pages.pageIndex === known
  if (isNextAfterLast && nextTokenOfCurrentPage !== undefined)
    return { tokens: [...pages.tokens, nextTokenOfCurrentPage], pageIndex: requestedIndex }
  return pages
}

/** Whether the pagination should offer a page past the known ones. */
export const hasMorePages = (pages: TokenPages, nextTokenOfCurrentPage: string | undefined) =>
  pages.pageIndex < knownPagesCount(pages) || nextTokenOfCurrentPage !== undefined
