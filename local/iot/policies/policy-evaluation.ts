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

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
const SPECIAL: Readonly<Record<string, string>> = { '*': '\\*', '?': '\\?', $: '\\$' }

/**
 * The pattern as a RegExp source, or undefined when one of its variables has
 * no value. `substitute` is false for 2008-10-17 documents, where `${…}` is text.
 */
function patternSource(
  pattern: string,
  facts: ConnectionFacts,
  substitute: boolean,
  wildcards: boolean,
): string | undefined {
  let source = ''
  for (const [token, variable, special] of pattern.matchAll(
    /\$\{([^}]*)\}|\$\(([*?$])\)|[*?]|[^$*?]+|\$/g,
  )) {
    if (substitute && variable !== undefined) {
      const value = valueOf(variable, facts)
      if (value === undefined) return undefined
      source += escape(value)
    } else if (substitute && special !== undefined) source += SPECIAL[special] ?? ''
    else if (wildcards && token === '*') source += '.*'
    else if (wildcards && token === '?') source += '.'
    else source += escape(token)
  }
  return source
}

function matchesAny(
  patterns: readonly string[],
  value: string,
  facts: ConnectionFacts,
  options: { substitute: boolean; ignoreCase: boolean },
): boolean {
  return patterns.some((pattern) => {
    const source = patternSource(pattern, facts, options.substitute, true)
    return (
      source !== undefined && new RegExp(`^${source}$`, options.ignoreCase ? 'is' : 's').test(value)
    )
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
    const source = patternSource(value, facts, substitute, false)
    return source !== undefined && new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(actual)
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
