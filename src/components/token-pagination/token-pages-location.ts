import { FIRST_PAGE, type TokenPages } from './token-pages.ts'

/**
 * Where a token-paged list keeps its page, so Back returns to it and a link
 * names it. AWS lists (SearchIndex, ListThingGroups, ListJobExecutionsForThing…)
 * reach page N only with the nextToken page N − 1 answered, so a page is
 * two things:
 *
 * - its number, in the URL (`?page=3`): visible, shareable, and what the
 *   pagination shows;
 * - the tokens that reach it, in the history entry's state
 *   (`history.state`, react-router's `location.state`), never in the URL.
 *
 * Why not the tokens in the URL: they are opaque, can run to hundreds of
 * characters, are only valid for the exact request that produced them, and
 * AWS documents no lifetime for them, so a link carrying one would fail in
 * ways a reader cannot act on. History state, by contrast, is what Back,
 * Forward and a reload restore with the entry, so those land on the same
 * page with all the pages before it still reachable. A `?page=3` link opened
 * elsewhere has no state: it shows page 1 and says why (unreachablePage).
 *
 * The stored tokens carry the list's scope (its query, prefix or thing
 * name), so tokens from another list can never open a page of this one.
 */

/** The URL parameter a table's page lives in, unless it names another. */
export const DEFAULT_PAGE_PARAM = 'page'

/** The key in the history entry's state under which every list's tokens are kept. */
export const TOKEN_PAGES_STATE_KEY = 'tokenPages'

interface StoredTokenPages {
  readonly scope: string
  readonly tokens: readonly string[]
}

export interface LocatedTokenPages {
  readonly pages: TokenPages
  /** The page the URL asked for when it could not be opened (page 1 is shown instead). */
  readonly unreachablePage?: number
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A page number as a URL writes it: 1, 2, 3… and nothing else. */
export function pageNumberOf(text: string | null): number | undefined {
  if (text === null || !/^[1-9]\d{0,8}$/.test(text.trim())) return undefined
  return Number(text.trim())
}

/** The tokens a history entry's state holds for this list, if they belong to it. */
function storedTokensOf(state: unknown, param: string, scope: string): readonly string[] {
  const all = isRecord(state) ? state[TOKEN_PAGES_STATE_KEY] : undefined
  const stored = isRecord(all) ? all[param] : undefined
  if (!isRecord(stored) || stored.scope !== scope || !Array.isArray(stored.tokens)) return []
  const tokens = stored.tokens as unknown[]
  return tokens.every((token): token is string => typeof token === 'string' && token !== '')
    ? tokens
    : []
}

/** The page the URL and history entry describe, or page 1 and why. */
export function locateTokenPages(
  pageText: string | null,
  state: unknown,
  { param = DEFAULT_PAGE_PARAM, scope }: { param?: string; scope: string },
): LocatedTokenPages {
  const tokens = storedTokensOf(state, param, scope)
  const requested = pageNumberOf(pageText) ?? 1
  // tokens[i] opens page i + 2, so pages up to tokens.length + 1 can be reopened.
  if (requested <= tokens.length + 1) return { pages: { tokens, pageIndex: requested } }
  return {
    pages: tokens.length === 0 ? FIRST_PAGE : { tokens, pageIndex: 1 },
    unreachablePage: requested,
  }
}

/** The URL parameter's value for a page: none for page 1, so a list's plain URL is its first page. */
export const pageParamValue = (pages: TokenPages): string | undefined =>
  pages.pageIndex === 1 ? undefined : String(pages.pageIndex)

/** The history entry's state with this list's tokens stored, everything else in it kept. */
export function withStoredTokenPages(
  state: unknown,
  { param = DEFAULT_PAGE_PARAM, scope }: { param?: string; scope: string },
  pages: TokenPages,
): Record<string, unknown> {
  const base = isRecord(state) ? state : {}
  const all = isRecord(base[TOKEN_PAGES_STATE_KEY]) ? base[TOKEN_PAGES_STATE_KEY] : {}
  const stored: StoredTokenPages = { scope, tokens: pages.tokens }
  return { ...base, [TOKEN_PAGES_STATE_KEY]: { ...all, [param]: stored } }
}

/** What a table says when a link asked for a page it cannot reopen. */
export const unreachablePageMessage = (page: number): string =>
  `This link asks for page ${page}, which can only be reached by paging from page 1 (AWS hands out these pages one after another), so page 1 is shown.`
