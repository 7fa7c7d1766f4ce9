import { compileGlobParts, type GlobPart } from '../../../domain/glob.ts'
import type { PolicyCondition, PolicyDocument, PolicyStatement } from './policy-document.ts'

/**
 * AWS IoT Core's policy evaluation, which is IAM's
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * denied unless some statement allows, and an explicit Deny in any policy
 * beats every Allow. Action and Resource take the `*` and `?` wildcards
 * (actions ignore case, resources do not). `+` and `#` are plain characters
 * in a policy. Policy variables are replaced by the connection's values;
 * a value is matched literally, so a client id holding `*` is no wildcard.
 * A statement whose variable has no value (a thing variable when no thing is
 * attached) does not match, as AWS says an unresolved thing variable "will
 * result in an access denied error".
 * https://docs.aws.amazon.com/iot/latest/developerguide/thing-policy-variables.html
 */

/** What AWS IoT knows of a connection when it evaluates a policy. */
export interface ConnectionFacts {
  readonly clientId: string
  /** The thing associated with the connection: set only when the certificate is attached to it. */
  readonly thing?: {
    readonly thingName: string
    readonly thingTypeName?: string
    readonly attributes: Readonly<Record<string, string>>
  }
}

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny'

function valueOf(key: string, facts: ConnectionFacts): string | undefined {
  switch (key) {
    case 'iot:ClientId':
      return facts.clientId
    case 'iot:Connection.Thing.ThingName':
      return facts.thing?.thingName
    case 'iot:Connection.Thing.ThingTypeName':
      return facts.thing?.thingTypeName
    case 'iot:Connection.Thing.IsAttached':
      return facts.thing === undefined ? 'false' : 'true'
  }
  const attribute = /^iot:Connection\.Thing\.Attributes\[(.+)\]$/.exec(key)?.[1]
  return attribute === undefined ? undefined : facts.thing?.attributes[attribute]
}

/**
 * The pattern as glob parts, or undefined when one of its variables has no
 * value. Substituted values and `$(*)`-style escapes are literal text.
 * `substitute` is false for 2008-10-17 documents, where `${…}` is text;
 * `wildcards` is false for StringEquals-style conditions, where `*` is text.
 */
function patternParts(
  pattern: string,
  facts: ConnectionFacts,
  substitute: boolean,
  wildcards: boolean,
): GlobPart[] | undefined {
  const parts: GlobPart[] = []
  for (const [token, variable, special] of pattern.matchAll(
    /\$\{([^}]*)\}|\$\(([*?$])\)|[*?]|[^$*?]+|\$/g,
  )) {
    if (substitute && variable !== undefined) {
      const value = valueOf(variable, facts)
      if (value === undefined) return undefined
      parts.push({ kind: 'text', text: value })
    } else if (substitute && special !== undefined) parts.push({ kind: 'text', text: special })
    else if (wildcards && token === '*') parts.push({ kind: 'any' })
    else if (wildcards && token === '?') parts.push({ kind: 'one' })
    else parts.push({ kind: 'text', text: token })
  }
  return parts
}

/** Whether any of the patterns names a variable the connection has no value for. */
const anyUnresolved = (
  patterns: readonly string[] | undefined,
  facts: ConnectionFacts,
  substitute: boolean,
): boolean =>
  substitute &&
  (patterns ?? []).some((pattern) => patternParts(pattern, facts, true, true) === undefined)

function matchesAny(
  patterns: readonly string[],
  value: string,
  facts: ConnectionFacts,
  options: { substitute: boolean; ignoreCase: boolean },
): boolean {
  // Linear-time glob matching: clients choose topics and ids, so no backtracking RegExp.
  return patterns.some((pattern) => {
    const parts = patternParts(pattern, facts, options.substitute, true)
    return parts !== undefined && compileGlobParts(parts, options)(value)
  })
}

function conditionHolds(
  condition: PolicyCondition,
  facts: ConnectionFacts,
  substitute: boolean,
): boolean {
  const actual = valueOf(condition.key, facts)
  const negated = condition.operator.includes('Not')
  // IAM: a key missing from the request fails every condition but the negated ones.
  if (actual === undefined) return negated
  const equals = (value: string, ignoreCase: boolean) => {
    const parts = patternParts(value, facts, substitute, false)
    return parts !== undefined && compileGlobParts(parts, { ignoreCase })(actual)
  }
  let matched: boolean
  switch (condition.operator) {
    case 'Bool':
      return condition.values.some((value) => value.toLowerCase() === actual.toLowerCase())
    case 'StringLike':
    case 'StringNotLike':
      matched = matchesAny(condition.values, actual, facts, { substitute, ignoreCase: false })
      break
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      matched = condition.values.some((value) => equals(value, true))
      break
    case 'StringEquals':
    case 'StringNotEquals':
      matched = condition.values.some((value) => equals(value, false))
      break
  }
  return negated ? !matched : matched
}

function applies(
  statement: PolicyStatement,
  action: string,
  resourceArn: string,
  facts: ConnectionFacts,
  substitute: boolean,
): boolean {
  // AWS: an unresolved variable makes the statement not match. For an Allow that
  // must hold for the whole statement, or NotResource/StringNotEquals would turn
  // "the pattern cannot match" into a grant. (A Deny keeps failing closed.)
  if (
    statement.effect === 'Allow' &&
    (anyUnresolved(statement.resources, facts, substitute) ||
      anyUnresolved(statement.notResources, facts, substitute) ||
      statement.conditions.some((condition) => anyUnresolved(condition.values, facts, substitute)))
  )
    return false
  const actionOptions = { substitute: false, ignoreCase: true }
  const resourceOptions = { substitute, ignoreCase: false }
  const actionMatches =
    statement.actions !== undefined
      ? matchesAny(statement.actions, action, facts, actionOptions)
      : !matchesAny(statement.notActions ?? [], action, facts, actionOptions)
  if (!actionMatches) return false
  const resourceMatches =
    statement.resources !== undefined
      ? matchesAny(statement.resources, resourceArn, facts, resourceOptions)
      : !matchesAny(statement.notResources ?? [], resourceArn, facts, resourceOptions)
  return (
    resourceMatches &&
    statement.conditions.every((condition) => conditionHolds(condition, facts, substitute))
  )
}

export function evaluatePolicies(
  documents: readonly PolicyDocument[],
  action: string,
  resourceArn: string,
  facts: ConnectionFacts,
): Decision {
  let allowed = false
  for (const document of documents) {
    for (const statement of document.statements) {
      if (!applies(statement, action, resourceArn, facts, document.substitutesVariables)) continue
      if (statement.effect === 'Deny') return 'explicit-deny'
      allowed = true
    }
  }
  return allowed ? 'allow' : 'implicit-deny'
}
