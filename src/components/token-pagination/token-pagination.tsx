import Pagination from '@cloudscape-design/components/pagination'
import { goToPage, hasMorePages, knownPagesCount, type TokenPages } from './token-pages.ts'

export interface TokenPaginationProps {
  readonly pages: TokenPages
  readonly onChange: (pages: TokenPages) => void
  /** The current page's nextToken, once it has loaded. */
  readonly nextToken: string | undefined
  readonly disabled?: boolean
}

/** Cloudscape's open-ended pagination over an AWS list paged by nextToken. */
export function TokenPagination({ pages, onChange, nextToken, disabled }: TokenPaginationProps) {
  return (
    <Pagination
      currentPageIndex={pages.pageIndex}
      pagesCount={knownPagesCount(pages)}
      openEnd={hasMorePages(pages, nextToken)}
      disabled={disabled ?? false}
      onChange={({ detail }) => onChange(goToPage(pages, detail.currentPageIndex, nextToken))}
      ariaLabels={{
        nextPageLabel: 'Next page',
        previousPageLabel: 'Previous page',
        pageLabel: (pageNumber) => `Page ${pageNumber}`,
      }}
    />
  )
}
