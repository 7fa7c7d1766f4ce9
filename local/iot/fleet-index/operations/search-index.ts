import { invalidRequest } from '../../../edge/aws-error.ts'
import { bodyObject, optionalInteger, optionalString } from '../../../edge/input.ts'
import type { Operation } from '../../../edge/service.ts'
import type { FleetIndex } from '../fleet-index.ts'
import { requestQuery, requireThingIndex } from '../index-queries.ts'

/** The model's bound for maxResults; a page holds at most 100 things ("This maximum number cannot exceed 100"). */
export const MAX_RESULTS_LIMIT = 500
export const PAGE_LIMIT = 100

/** The token names the last thing of the page (things come in name order) and the query it answers. */
function encodeToken(after: string, queryString: string): string {
  return Buffer.from(JSON.stringify({ a: after, q: queryString })).toString('base64url')
}

function decodeToken(token: string, queryString: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      a?: unknown
      q?: unknown
    }
    if (typeof parsed.a === 'string' && parsed.q === queryString) return parsed.a
  } catch {
    // Refused below.
  }
  throw invalidRequest('The nextToken is not valid for this request.')
}

/**
 * SearchIndex on AWS_Things: matching things in name order, a page at a
 * time. A page resumes after the last thing of the previous one, so things
 * added or removed meanwhile neither repeat nor shift later pages.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_SearchIndex.html
 */
export const searchIndex = (index: FleetIndex): Operation => ({
  name: 'SearchIndex',
  handle: ({ body }) => {
    const input = bodyObject(body)
    requireThingIndex(index, input)
    const { queryString, predicate } = requestQuery(input)
    const maxResults = optionalInteger(input, 'maxResults')
    if (maxResults !== undefined && (maxResults < 1 || maxResults > MAX_RESULTS_LIMIT))
      throw invalidRequest(`maxResults must be from 1 to ${MAX_RESULTS_LIMIT}.`)
    const pageSize = Math.min(maxResults ?? PAGE_LIMIT, PAGE_LIMIT)
    const token = optionalString(input, 'nextToken')
    const after = token === undefined || token === '' ? undefined : decodeToken(token, queryString)
    const names: string[] = []
    let more = false
    for (const [thingName, fields] of index.inOrder(after)) {
      if (!predicate(fields)) continue
      if (names.length === pageSize) {
        more = true
        break
      }
      names.push(thingName)
    }
    const last = names.at(-1)
    return {
      things: names.map((thingName) => index.documentOf(thingName)),
      nextToken: more && last !== undefined ? encodeToken(last, queryString) : undefined,
    }
  },
})
