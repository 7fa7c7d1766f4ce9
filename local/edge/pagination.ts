import { invalidRequest } from './aws-error.ts'
import { queryInteger } from './input.ts'

/**
 * List operations page with an opaque nextToken and maxResults. Our token is
 * the offset of the next item plus the list's size when it was issued, so a
 * token from another list or a forged one is refused, as AWS refuses them.
 */
export interface Page<T> {
  readonly items: readonly T[]
  readonly nextToken?: string
}

export interface PageOptions {
  readonly maxResults?: number
  /** The model's upper bound for maxResults. */
  readonly limit: number
  readonly tokenName?: string
  readonly sizeName?: string
}

function encodeToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope })).toString('base64url')
}

function decodeToken(token: string, scope: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown
      s?: unknown
    }
    if (
      typeof parsed.o === 'number' &&
      Number.isInteger(parsed.o) &&
      parsed.o >= 0 &&
      parsed.s === scope
    )
      return parsed.o
  } catch {
    // Fall through to the refusal below.
  }
  throw invalidRequest('The nextToken is not valid for this request.')
}

/** `scope` names the list (operation and filters), so a token only works for the list that issued it. */
export function paginate<T>(
  items: readonly T[],
  query: URLSearchParams,
  scope: string,
  options: PageOptions,
): Page<T> {
  const tokenName = options.tokenName ?? 'nextToken'
  const pageSize =
    queryInteger(query, options.sizeName ?? 'maxResults', 1, options.limit) ?? options.limit
  const token = query.get(tokenName)
  const offset = token === null || token === '' ? 0 : decodeToken(token, scope)
  const page = items.slice(offset, offset + pageSize)
  const next = offset + pageSize
  return next < items.length
    ? { items: page, nextToken: encodeToken(next, scope) }
    : { items: page }
}
