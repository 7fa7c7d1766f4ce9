import type { FleetIndexQuery, RangeBound, TermMatch } from '../../../domain/fleet-index-query.ts'
import { compileGlobParts, type GlobPart } from '../../../domain/glob.ts'
import type { IndexedFields, IndexValue } from './thing-document.ts'

/**
 * Runs a parsed query against a thing's indexed fields. Strings match
 * without regard to case; a value that reads as a JSON number (as thing
 * attributes, which are strings, often do) compares as a number, so
 * `attributes.temp>9` holds for "10" and `attributes.n:75` for 75.0. A range
 * whose ends are numbers matches numbers only; other ranges compare text
 * (`["abcd" TO "abcf"]`). A field the configuration does not index has no
 * values and matches nothing, so `NOT` of it matches everything.
 * https://docs.aws.amazon.com/iot/latest/developerguide/query-syntax.html
 */
export type ThingPredicate = (fields: IndexedFields) => boolean

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

/** The number a value stands for, if it is one. */
export function numberOf(value: IndexValue): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'boolean' || !JSON_NUMBER.test(value)) return undefined
  const number = Number(value)
  return Number.isFinite(number) ? number : undefined
}

const textOf = (value: IndexValue) => String(value).toLowerCase()

/** The query's wildcard term as glob parts: a backslash makes the next character literal. */
function wildcardParts(pattern: string): GlobPart[] {
  // By code point, so an escaped emoji stays whole.
  const chars = Array.from(pattern)
  const parts: GlobPart[] = []
  for (let index = 0; index < chars.length; index += 1) {
    const char = chars[index] ?? ''
    if (char === '\\') {
      index += 1
      parts.push({ kind: 'text', text: chars[index] ?? '' })
    } else if (char === '*') parts.push({ kind: 'any' })
    else if (char === '?') parts.push({ kind: 'one' })
    else parts.push({ kind: 'text', text: char })
  }
  return parts
}

type ValueTest = (value: IndexValue) => boolean

function rangeTest(lower: RangeBound | undefined, upper: RangeBound | undefined): ValueTest {
  const bounds = [lower, upper].filter((bound): bound is RangeBound => bound !== undefined)
  const numeric = bounds.every((bound) => numberOf(bound.value) !== undefined)
  if (numeric) {
    const low = lower === undefined ? undefined : Number(lower.value)
    const high = upper === undefined ? undefined : Number(upper.value)
    return (value) => {
      const number = numberOf(value)
      if (number === undefined) return false
      if (low !== undefined && (lower?.inclusive === true ? number < low : number <= low))
        return false
      if (high !== undefined && (upper?.inclusive === true ? number > high : number >= high))
        return false
      return true
    }
  }
  const low = lower?.value.toLowerCase()
  const high = upper?.value.toLowerCase()
  return (value) => {
    if (typeof value === 'boolean') return false
    const text = textOf(value)
    if (low !== undefined && (lower?.inclusive === true ? text < low : text <= low)) return false
    if (high !== undefined && (upper?.inclusive === true ? text > high : text >= high)) return false
    return true
  }
}

function valueTest(match: TermMatch): ValueTest {
  switch (match.kind) {
    case 'value': {
      const wanted = match.value.toLowerCase()
      const number = numberOf(match.value)
      return (value) => {
        const actual = number === undefined ? undefined : numberOf(value)
        return actual !== undefined ? actual === number : textOf(value) === wanted
      }
    }
    case 'wildcard': {
      // Linear-time matching: devices write the values, so a backtracking RegExp could be made to hang.
      const matches = compileGlobParts(wildcardParts(match.pattern), { ignoreCase: true })
      return (value) => matches(String(value))
    }
    case 'exists':
      return () => true
    case 'range':
      return rangeTest(match.lower, match.upper)
  }
}

/** Compiles a query once, for running against many things. */
export function compileQuery(query: FleetIndexQuery): ThingPredicate {
  switch (query.kind) {
    case 'all':
      return () => true
    case 'term': {
      const test = valueTest(query.match)
      const field = query.field
      if (field === undefined)
        // A bare value searches every field.
        return (fields) => {
          for (const values of fields.values()) if (values.some(test)) return true
          return false
        }
      return (fields) => fields.get(field)?.some(test) ?? false
    }
    case 'and': {
      const clauses = query.clauses.map(compileQuery)
      return (fields) => clauses.every((clause) => clause(fields))
    }
    case 'or': {
      const clauses = query.clauses.map(compileQuery)
      return (fields) => clauses.some((clause) => clause(fields))
    }
    case 'not': {
      const clause = compileQuery(query.clause)
      return (fields) => !clause(fields)
    }
  }
}
