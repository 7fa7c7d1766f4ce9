/**
 * Glob matching in linear space and O(n·m) worst-case time, with no regular
 * expression. Patterns come from users and values from devices (a shadow value,
 * a topic), so a backtracking RegExp built from `*` → `.*` could be driven into
 * exponential time by `a*a*a*c` against a long value and freeze the event loop.
 *
 * `*` matches any run of characters (none included), `?` exactly one
 * character; everything else matches itself. Characters are Unicode code
 * points, so `?` matches an emoji whole. This is the wildcard language of IAM
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards),
 * AWS IoT policies and fleet-indexing queries
 * (https://docs.aws.amazon.com/iot/latest/developerguide/query-syntax.html).
 */

/** One piece of a glob: literal text, or a wildcard. */
export type GlobPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'one' }

export interface GlobOptions {
  /** Compare letters without regard to case (IAM actions, fleet-index strings). */
  readonly ignoreCase?: boolean
}

/** A compiled glob, for testing many values. */
export type GlobMatcher = (value: string) => boolean

const ANY = 0
const ONE = 1
/** A compiled pattern: literal characters (already case-folded when asked) and wildcard markers. */
type Element = string | typeof ANY | typeof ONE

const fold = (char: string) => char.toLowerCase()

/** The parts of a pattern in which every `*` and `?` is a wildcard. */
export function globParts(pattern: string): GlobPart[] {
  const parts: GlobPart[] = []
  for (const [token] of pattern.matchAll(/[*?]|[^*?]+/g))
    parts.push(
      token === '*'
        ? { kind: 'any' }
        : token === '?'
          ? { kind: 'one' }
          : { kind: 'text', text: token },
    )
  return parts
}

/** Compiles parts (for patterns with escapes or substituted values, whose text is literal). */
export function compileGlobParts(
  parts: readonly GlobPart[],
  options: GlobOptions = {},
): GlobMatcher {
  const ignoreCase = options.ignoreCase === true
  const elements: Element[] = []
  for (const part of parts) {
    if (part.kind === 'text')
      for (const char of part.text) elements.push(ignoreCase ? fold(char) : char)
    // Consecutive `*` match what one does; collapsing them keeps the loop short.
    else if (part.kind === 'any') {
      if (elements.at(-1) !== ANY) elements.push(ANY)
    } else elements.push(ONE)
  }
  return (value) => matchElements(elements, value, ignoreCase)
}

/** Compiles a pattern in which every `*` and `?` is a wildcard. */
export function compileGlob(pattern: string, options: GlobOptions = {}): GlobMatcher {
  return compileGlobParts(globParts(pattern), options)
}

/** Whether the whole value matches the pattern (`*` and `?` wildcards). */
export function globMatches(pattern: string, value: string, options: GlobOptions = {}): boolean {
  return compileGlob(pattern, options)(value)
}

/**
 * Two pointers; on a mismatch, go back to the last `*` and let it swallow one
 * more character. Only the last `*` needs revisiting: whatever an earlier one
 * could absorb, the later one can absorb instead, so each value position is
 * retried at most once per pattern position.
 */
function matchElements(elements: readonly Element[], text: string, ignoreCase: boolean): boolean {
  const value = Array.from(text, ignoreCase ? fold : (char) => char)
  let p = 0
  let v = 0
  let starP = -1
  let starV = 0
  while (v < value.length) {
    const element = elements[p]
    if (element === ANY) {
      starP = p
      starV = v
      p += 1
    } else if (element !== undefined && (element === ONE || element === value[v])) {
      p += 1
      v += 1
    } else if (starP >= 0) {
      p = starP + 1
      starV += 1
      v = starV
    } else return false
  }
  while (elements[p] === ANY) p += 1
  return p === elements.length
}
