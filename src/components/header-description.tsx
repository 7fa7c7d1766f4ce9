import SpaceBetween from '@cloudscape-design/components/space-between'
import { createElement, type ReactNode } from 'react'
import { InlineError } from './inline-error.tsx'
import { UnreachablePageNote } from './token-pagination/unreachable-page-note.tsx'

/**
 * A Cloudscape Header's description made of several optional parts (a
 * sentence, an inline error, a note), stacked. Undefined when every part is
 * empty, because Header keeps room for any description it is given.
 */
export function headerDescription(parts: readonly ReactNode[]): ReactNode {
  const shown = parts.filter(
    (part) => part !== undefined && part !== null && part !== false && part !== '',
  )
  if (shown.length === 0) return undefined
  if (shown.length === 1) return shown[0]
  // As separate arguments, like JSX children written out, so the parts need no keys.
  return createElement(SpaceBetween, { size: 'xxs' }, ...shown)
}

export interface PagedHeaderDescriptionOptions {
  /** Why the current page failed to load, if it did. */
  readonly errorMessage: string | undefined
  /** Whether rows from an earlier load are still on screen. */
  readonly hasData: boolean
  /** The page a link asked for but could not open (see useUrlTokenPages). */
  readonly unreachablePage: number | undefined
}

/**
 * The description of a token-paged table's header: its own parts, then the
 * error of a refresh that failed over rows still shown (a failed first load
 * is the table's empty state instead, see TableEmptyState), then why a
 * linked page opened at page 1.
 */
export function pagedHeaderDescription(
  parts: readonly ReactNode[],
  { errorMessage, hasData, unreachablePage }: PagedHeaderDescriptionOptions,
): ReactNode {
  return headerDescription([
    ...parts,
    errorMessage !== undefined && hasData ? <InlineError message={errorMessage} stale /> : null,
    unreachablePage === undefined ? null : <UnreachablePageNote page={unreachablePage} />,
  ])
}
