import { fleetIndexField, fleetIndexFieldProblem } from './fleet-index-fields.ts'

/**
 * The query language of AWS IoT fleet indexing (SearchIndex, the aggregation
 * operations and dynamic thing groups), parsed without I/O so the dashboard
 * can check a query before sending it and the local cloud can run it.
 *
 * Supported, as the developer guide lists it: `field:value` terms and bare
 * values (which search every field), quoted phrases, wildcards `*` and `?`,
 * ranges `field:[a TO b]` / `{a TO b}` (mixed brackets allowed, `*` an open
 * end), comparisons `field>v`, `>=`, `<`, `<=`, the Boolean operators AND,
 * OR, NOT and `-`, grouping with parentheses, field grouping
 * (`thingName:(tv* AND -plasma)`), and `\` to escape a special character.
 * The default operator is AND; NOT binds tighter than AND, AND than OR.
 * Field names are case-sensitive; matching values is not (the matcher's job).
 * Limits: 12 terms a query; a leading wildcard in one term only, and then a
 * query of at most 100 characters. The characters `` ` @ # % / ' ; , `` are
 * not supported unless escaped.
 * https://docs.aws.amazon.com/iot/latest/developerguide/query-syntax.html
 * https://docs.aws.amazon.com/iot/latest/developerguide/example-queries.html
 */

export const MAX_QUERY_TERMS = 12
export const MAX_LEADING_WILDCARD_TERMS = 1
export const MAX_LEADING_WILDCARD_QUERY_LENGTH = 100
/** The only query version AWS accepts, and its default. */
export const QUERY_VERSION = '2017-09-30'

export interface RangeBound {
  readonly value: string
  readonly inclusive: boolean
}

export type TermMatch =
  /** The value itself (escapes resolved); numbers compare as numbers. */
  | { readonly kind: 'value'; readonly value: string }
  /** `*` matches any run of characters, `?` one; `\` escapes a literal `*`, `?` or `\`. */
  | { readonly kind: 'wildcard'; readonly pattern: string }
  /** `field:*`: the field has a value. */
  | { readonly kind: 'exists' }
  /** Either end may be open. */
  | { readonly kind: 'range'; readonly lower?: RangeBound; readonly upper?: RangeBound }

export interface FleetIndexTerm {
  readonly kind: 'term'
  /** The index's field (aliases resolved); undefined for a bare value, which searches every field. */
  readonly field: string | undefined
  readonly match: TermMatch
}

export type FleetIndexQuery =
  /** A query of `*` alone: every thing. */
  | { readonly kind: 'all' }
  | FleetIndexTerm
  | { readonly kind: 'and'; readonly clauses: readonly FleetIndexQuery[] }
  | { readonly kind: 'or'; readonly clauses: readonly FleetIndexQuery[] }
  | { readonly kind: 'not'; readonly clause: FleetIndexQuery }

export type ParsedFleetIndexQuery =
  | { readonly ok: true; readonly query: FleetIndexQuery; readonly terms: number }
  | { readonly ok: false; readonly message: string }

/** Not supported by the query syntax unless escaped. */
const UNSUPPORTED = new Set(['`', '@', '#', '%', '/', "'", ';', ','])
/** End a word unless escaped. */
const DELIMITERS = new Set(['(', ')', '"', ':', '<', '>', '[', ']', '{', '}'])
const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char)

class QuerySyntaxError extends Error {}

interface Word {
  /** Escapes resolved. */
  readonly text: string
  /** Escapes kept for `*`, `?` and `\`, so wildcards stay distinguishable from literals. */
  readonly pattern: string
  readonly hasWildcard: boolean
  readonly start: number
}

function parse(text: string): { query: FleetIndexQuery; terms: number } {
  let position = 0
  let terms = 0
  let leadingWildcards = 0

  const fail = (message: string, at = position): never => {
    throw new QuerySyntaxError(`${message} (at character ${at + 1}).`)
  }
  const peek = () => text[position]
  const atEnd = () => position >= text.length
  const skipSpace = () => {
    while (isSpace(peek())) position += 1
  }
  const countTerm = (at: number) => {
    terms += 1
    if (terms > MAX_QUERY_TERMS) fail(`A query may have at most ${MAX_QUERY_TERMS} terms`, at)
  }

  /** Whether the keyword (AND, OR, NOT) stands here as a word of its own. */
  const keywordAhead = (keyword: string): boolean => {
    if (!text.startsWith(keyword, position)) return false
    const after = text[position + keyword.length]
    return after === undefined || isSpace(after) || after === '(' || after === ')'
  }

  const readWord = (): Word => {
    const start = position
    let word = ''
    let pattern = ''
    let hasWildcard = false
    while (!atEnd()) {
      const char = peek() ?? ''
      if (isSpace(char) || DELIMITERS.has(char)) break
      if (char === '\\') {
        const escaped = text[position + 1]
        if (escaped === undefined) fail('A backslash must escape a character', position)
        word += escaped
        pattern += escaped === '*' || escaped === '?' || escaped === '\\' ? `\\${escaped}` : escaped
        position += 2
        continue
      }
      if (UNSUPPORTED.has(char))
        fail(`The character ${char} is not supported in queries; escape it with \\`)
      if (char === '*' || char === '?') hasWildcard = true
      word += char
      pattern += char
      position += 1
    }
    return { text: word, pattern, hasWildcard, start }
  }

  const readQuoted = (): string => {
    const start = position
    position += 1
    let value = ''
    while (!atEnd() && peek() !== '"') {
      if (peek() === '\\') {
        const escaped = text[position + 1]
        if (escaped === undefined) break
        value += escaped
        position += 2
      } else {
        value += peek() ?? ''
        position += 1
      }
    }
    if (atEnd()) fail('A quoted value is missing its closing "', start)
    position += 1
    if (value === '') fail('A quoted value may not be empty', start)
    return value
  }

  const field = (word: Word): string => {
    if (word.text === '') fail('A field name is missing before the operator', word.start)
    if (word.hasWildcard) fail('A field name may not contain wildcards', word.start)
    const problem = fleetIndexFieldProblem(word.text)
    if (problem !== undefined) fail(problem.replace(/\.$/, ''), word.start)
    return fleetIndexField(word.text)?.name ?? word.text
  }

  /** A plain value (no wildcard, not `*`), for comparisons and range ends. */
  const plainValue = (what: string): string => {
    if (peek() === '"') return readQuoted()
    const word = readWord()
    if (word.text === '') fail(`${what} needs a value`)
    if (word.hasWildcard) fail(`${what} may not contain wildcards`, word.start)
    return word.text
  }

  const valueMatch = (word: Word): TermMatch => {
    if (!word.hasWildcard) return { kind: 'value', value: word.text }
    if (word.pattern === '*') return { kind: 'exists' }
    if (word.pattern.startsWith('*') || word.pattern.startsWith('?')) {
      leadingWildcards += 1
      if (leadingWildcards > MAX_LEADING_WILDCARD_TERMS)
        fail('Only one term of a query may start with a wildcard', word.start)
      if (text.length > MAX_LEADING_WILDCARD_QUERY_LENGTH)
        fail(
          `A query with a leading wildcard may have at most ${MAX_LEADING_WILDCARD_QUERY_LENGTH} characters`,
          word.start,
        )
    }
    return { kind: 'wildcard', pattern: word.pattern }
  }

  const rangeEnd = (): RangeBound['value'] | undefined => {
    skipSpace()
    if (peek() === '"') return readQuoted()
    const word = readWord()
    if (word.text === '' && word.pattern === '') fail('A range needs a value at each end')
    if (word.pattern === '*') return undefined
    if (word.hasWildcard) fail('A range end may not contain wildcards', word.start)
    return word.text
  }

  const range = (): TermMatch => {
    const opening = peek()
    const start = position
    position += 1
    const lower = rangeEnd()
    skipSpace()
    if (!keywordAhead('TO')) fail('A range is written [low TO high]: TO is missing')
    position += 2
    const upper = rangeEnd()
    skipSpace()
    const closing = peek()
    if (closing !== ']' && closing !== '}') fail('A range must end with ] or }', start)
    position += 1
    return {
      kind: 'range',
      ...(lower === undefined ? {} : { lower: { value: lower, inclusive: opening === '[' } }),
      ...(upper === undefined ? {} : { upper: { value: upper, inclusive: closing === ']' } }),
    }
  }

  const comparison = (fieldName: string, start: number): FleetIndexTerm => {
    const operator = peek() ?? ''
    position += 1
    const inclusive = peek() === '='
    if (inclusive) position += 1
    skipSpace()
    const value = plainValue(`The comparison ${operator}${inclusive ? '=' : ''}`)
    countTerm(start)
    const bound = { value, inclusive }
    return {
      kind: 'term',
      field: fieldName,
      match: { kind: 'range', ...(operator === '>' ? { lower: bound } : { upper: bound }) },
    }
  }

  /** A value, range, comparison or field group after `field:`. */
  const fieldValue = (fieldName: string, start: number): FleetIndexQuery => {
    skipSpace()
    const char = peek()
    const operatorAhead = keywordAhead('AND') || keywordAhead('OR') || keywordAhead('NOT')
    if (atEnd() || char === ')' || operatorAhead) fail(`The field ${fieldName} needs a value`)
    if (char === '(') {
      position += 1
      const group = parseOr(fieldName)
      skipSpace()
      if (peek() !== ')') fail('A field group is missing its closing )')
      position += 1
      return group
    }
    if (char === '>' || char === '<') return comparison(fieldName, start)
    countTerm(start)
    if (char === '[' || char === '{') return { kind: 'term', field: fieldName, match: range() }
    if (char === '"')
      return { kind: 'term', field: fieldName, match: { kind: 'value', value: readQuoted() } }
    const word = readWord()
    if (word.text === '') fail(`The field ${fieldName} needs a value`)
    return { kind: 'term', field: fieldName, match: valueMatch(word) }
  }

  const parseTerm = (groupField: string | undefined): FleetIndexQuery => {
    const start = position
    if (peek() === '"') {
      const value = readQuoted()
      countTerm(start)
      return { kind: 'term', field: groupField, match: { kind: 'value', value } }
    }
    const word = readWord()
    const afterWord = position
    skipSpace()
    const next = peek()
    if (next === ':' || next === '<' || next === '>') {
      if (groupField !== undefined)
        fail(`A field group holds values of ${groupField} only, not other fields`, start)
      const name = field(word)
      if (next === ':') {
        position += 1
        return fieldValue(name, start)
      }
      return comparison(name, start)
    }
    position = afterWord
    if (word.text === '') fail(`Unexpected ${next ?? 'end of query'}`)
    countTerm(start)
    if (word.pattern === '*' && groupField === undefined) return { kind: 'all' }
    return { kind: 'term', field: groupField, match: valueMatch(word) }
  }

  const parseUnary = (groupField: string | undefined): FleetIndexQuery => {
    skipSpace()
    if (atEnd()) fail('A term is missing at the end of the query')
    if (keywordAhead('NOT')) {
      position += 3
      return { kind: 'not', clause: parseUnary(groupField) }
    }
    if (keywordAhead('AND') || keywordAhead('OR'))
      fail(`${text.startsWith('AND', position) ? 'AND' : 'OR'} needs a term before it`)
    const char = peek()
    if (char === '-') {
      const after = text[position + 1]
      if (after === undefined || isSpace(after)) fail('- must be followed by the term it excludes')
      position += 1
      return { kind: 'not', clause: parseUnary(groupField) }
    }
    if (char === '(') {
      const start = position
      position += 1
      const inner = parseOr(groupField)
      skipSpace()
      if (peek() !== ')') fail('A ( is never closed', start)
      position += 1
      return inner
    }
    if (char === ')') fail('Unexpected )')
    return parseTerm(groupField)
  }

  const parseAnd = (groupField: string | undefined): FleetIndexQuery => {
    const clauses = [parseUnary(groupField)]
    for (;;) {
      skipSpace()
      if (atEnd() || peek() === ')' || keywordAhead('OR')) break
      if (keywordAhead('AND')) position += 3
      clauses.push(parseUnary(groupField))
    }
    return combine('and', clauses)
  }

  const parseOr = (groupField: string | undefined): FleetIndexQuery => {
    const clauses = [parseAnd(groupField)]
    for (;;) {
      skipSpace()
      if (!keywordAhead('OR')) break
      position += 2
      clauses.push(parseAnd(groupField))
    }
    return combine('or', clauses)
  }

  skipSpace()
  if (atEnd()) fail('The query is empty')
  const query = parseOr(undefined)
  skipSpace()
  if (!atEnd()) fail(peek() === ')' ? 'Unexpected )' : `Unexpected ${peek() ?? ''}`)
  return { query, terms }
}

function combine(kind: 'and' | 'or', clauses: FleetIndexQuery[]): FleetIndexQuery {
  const flat = clauses.flatMap((clause) => (clause.kind === kind ? clause.clauses : [clause]))
  return flat.length === 1 && flat[0] !== undefined ? flat[0] : { kind, clauses: flat }
}

/** Parses a query string; a query AWS would refuse gives a message saying why and where. */
export function parseFleetIndexQuery(text: string): ParsedFleetIndexQuery {
  try {
    return { ok: true, ...parse(text) }
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { ok: false, message: error.message }
    throw error
  }
}

/**
 * A user's text as one query value: quoted, with `"` and `\` escaped, so it
 * can never be read as an operator, wildcard or range (`thingName:${queryValue(name)}`).
 */
export function queryValue(text: string): string {
  return `"${text.replace(/[\\"]/g, (char) => `\\${char}`)}"`
}
