import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import { invalidParameter } from '../../errors.ts'
import { optionalInteger, optionalString, optionalStringList, type Input } from '../../input.ts'
import { parseUserFilter } from '../list-users-filter.ts'
import { poolOf } from '../pool-of.ts'
import { userShape } from '../shapes.ts'
import type { UserPoolContext } from '../user-pool-context.ts'

/**
 * ListUsers: oldest first, `Limit` up to 60 (the default), an opaque
 * PaginationToken that works only for the listing that issued it, `Filter`
 * and `AttributesToGet`.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html
 */
const MAX_LIMIT = 60

const encodeToken = (offset: number, scope: string) =>
  Buffer.from(JSON.stringify({ o: offset, s: scope })).toString('base64url')

function decodeToken(token: string, scope: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown
      s?: unknown
    }
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.s === scope) {
      return parsed.o
    }
  } catch {
    // Refused below.
  }
  throw invalidParameter('Invalid pagination token.')
}

export const listUsers = (context: UserPoolContext): RpcOperation => ({
  auth: 'sigv4',
  handle: (input: Input) => {
    const pool = poolOf(context, input)
    const filter = optionalString(input, 'Filter')
    const limit = optionalInteger(input, 'Limit', 0, MAX_LIMIT) || MAX_LIMIT
    const attributeNames = optionalStringList(input, 'AttributesToGet')
    const scope = `${pool.id}|${filter ?? ''}`
    const token = optionalString(input, 'PaginationToken')
    const offset = token === undefined ? 0 : decodeToken(token, scope)
    const matching = context.users.inPool(pool.id).filter(parseUserFilter(filter))
    const page = matching.slice(offset, offset + limit)
    return {
      Users: page.map((user) => userShape(user, attributeNames)),
      ...(offset + limit < matching.length
        ? { PaginationToken: encodeToken(offset + limit, scope) }
        : {}),
    }
  },
})
