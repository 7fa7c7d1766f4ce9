/**
 * AWS IoT Core policy documents: IAM's grammar, checked as CreatePolicy
 * checks it (https://docs.aws.amazon.com/iot/latest/developerguide/iot-policies.html).
 * Parsing is pure: the result says what is wrong, and the caller turns it into
 * MalformedPolicyException (AWS refuses it) or NotImplementedException (AWS
 * would accept it, the local cloud cannot evaluate it, so it refuses rather
 * than evaluate it wrongly).
 */

/** CreatePolicy: "a maximum length of 2048, excluding whitespace". */
export const MAX_POLICY_CHARACTERS = 2048

export const CONDITION_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'Bool',
] as const
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number]

/** The condition keys and `${…}` variables the evaluation knows, as AWS IoT names them. */
export const KNOWN_KEYS = [
  'iot:ClientId',
  'iot:Connection.Thing.ThingName',
  'iot:Connection.Thing.ThingTypeName',
  'iot:Connection.Thing.IsAttached',
] as const
const ATTRIBUTE_KEY = /^iot:Connection\.Thing\.Attributes\[[^\]]+\]$/

export interface PolicyCondition {
  readonly operator: ConditionOperator
  readonly key: string
  readonly values: readonly string[]
}

export interface PolicyStatement {
  readonly effect: 'Allow' | 'Deny'
  /** Exactly one of actions and notActions is set; likewise resources and notResources. */
  readonly actions?: readonly string[]
  readonly notActions?: readonly string[]
  readonly resources?: readonly string[]
  readonly notResources?: readonly string[]
  readonly conditions: readonly PolicyCondition[]
}

export interface PolicyDocument {
  /** IAM substitutes `${…}` variables only in version 2012-10-17 documents. */
  readonly substitutesVariables: boolean
  readonly statements: readonly PolicyStatement[]
}

export type ParsedPolicy =
  | { readonly ok: true; readonly document: PolicyDocument }
  | { readonly ok: false; readonly malformed: string }
  | { readonly ok: false; readonly unsupported: string }

class Malformed extends Error {}
class Unsupported extends Error {}

const isKnownKey = (key: string) =>
  (KNOWN_KEYS as readonly string[]).includes(key) || ATTRIBUTE_KEY.test(key)

function stringList(value: unknown, member: string): string[] {
  const list = typeof value === 'string' ? [value] : value
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    list.some((item) => typeof item !== 'string' || item === '')
  )
    throw new Malformed(`${member} must be a non-empty string or a non-empty list of strings.`)
  return list as string[]
}

/** Every `${…}` must be one the evaluation resolves; `$(*)`, `$(?)` and `$($)` stand for the characters. */
function checkVariables(text: string): void {
  for (const [, name = ''] of text.matchAll(/\$\{([^}]*)\}/g)) {
    if (!isKnownKey(name))
      throw new Unsupported(
        `The local cloud does not evaluate the policy variable \${${name}}; it knows ${KNOWN_KEYS.map((key) => `\${${key}}`).join(', ')} and \${iot:Connection.Thing.Attributes[name]}.`,
      )
  }
}

function actionList(value: unknown, member: string): string[] {
  const actions = stringList(value, member)
  for (const action of actions) {
    if (action !== '*' && !/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(action))
      throw new Malformed(`${member} ${action} is not a valid action (service:Action).`)
  }
  return actions
}

function conditions(value: unknown, variables: boolean): PolicyCondition[] {
  if (value === undefined) return []
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Malformed('Condition must be an object of condition operators.')
  const result: PolicyCondition[] = []
  for (const [operator, block] of Object.entries(value)) {
    if (!(CONDITION_OPERATORS as readonly string[]).includes(operator))
      throw new Unsupported(
        `The local cloud does not evaluate the condition operator ${operator}; it knows ${CONDITION_OPERATORS.join(', ')}.`,
      )
    if (typeof block !== 'object' || block === null || Array.isArray(block))
      throw new Malformed(`Condition ${operator} must map condition keys to values.`)
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      if (!isKnownKey(key))
        throw new Unsupported(`The local cloud does not evaluate the condition key ${key}.`)
      const values =
        typeof raw === 'boolean' ? [String(raw)] : stringList(raw, `${operator} ${key}`)
      if (variables) values.forEach(checkVariables)
      result.push({ operator: operator as ConditionOperator, key, values })
    }
  }
  return result
}

const STATEMENT_MEMBERS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
])

function statement(value: unknown, variables: boolean): PolicyStatement {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Malformed('Each Statement must be an object.')
  const raw = value as Record<string, unknown>
  const unknown = Object.keys(raw).find((member) => !STATEMENT_MEMBERS.has(member))
  if (unknown !== undefined)
    throw new Malformed(`Statement member ${unknown} is not allowed in an AWS IoT policy.`)
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny')
    throw new Malformed('Effect must be "Allow" or "Deny".')
  if ((raw.Action === undefined) === (raw.NotAction === undefined))
    throw new Malformed('Each Statement needs exactly one of Action and NotAction.')
  if ((raw.Resource === undefined) === (raw.NotResource === undefined))
    throw new Malformed('Each Statement needs exactly one of Resource and NotResource.')
  const resources = (member: 'Resource' | 'NotResource') => {
    const list = stringList(raw[member], member)
    if (variables) list.forEach(checkVariables)
    return list
  }
  return {
    effect: raw.Effect,
    ...(raw.Action === undefined ? {} : { actions: actionList(raw.Action, 'Action') }),
    ...(raw.NotAction === undefined ? {} : { notActions: actionList(raw.NotAction, 'NotAction') }),
    ...(raw.Resource === undefined ? {} : { resources: resources('Resource') }),
    ...(raw.NotResource === undefined ? {} : { notResources: resources('NotResource') }),
    conditions: conditions(raw.Condition, variables),
  }
}

export function parsePolicyDocument(text: string): ParsedPolicy {
  try {
    const characters = text.replace(/\s/g, '').length
    if (characters === 0) throw new Malformed('The policy document is empty.')
    if (characters > MAX_POLICY_CHARACTERS)
      throw new Malformed(
        `The policy document has ${characters} characters excluding whitespace; the maximum is ${MAX_POLICY_CHARACTERS}.`,
      )
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new Malformed('The policy document is not valid JSON.')
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Malformed('The policy document must be a JSON object.')
    const { Version, Statement, Id, ...rest } = parsed as Record<string, unknown>
    const extra = Object.keys(rest)[0]
    if (extra !== undefined) throw new Malformed(`Policy member ${extra} is not allowed.`)
    if (Id !== undefined && typeof Id !== 'string') throw new Malformed('Id must be a string.')
    if (Version !== undefined && Version !== '2012-10-17' && Version !== '2008-10-17')
      throw new Malformed('Version must be "2012-10-17" or "2008-10-17".')
    // As in IAM, a document without Version is 2008-10-17, where `${…}` is literal text.
    const variables = Version === '2012-10-17'
    if (Statement === undefined) throw new Malformed('The policy document needs a Statement.')
    const list = Array.isArray(Statement) ? Statement : [Statement]
    if (list.length === 0) throw new Malformed('Statement must not be empty.')
    return {
      ok: true,
      document: {
        substitutesVariables: variables,
        statements: list.map((item) => statement(item, variables)),
      },
    }
  } catch (error) {
    if (error instanceof Malformed) return { ok: false, malformed: error.message }
    if (error instanceof Unsupported) return { ok: false, unsupported: error.message }
    throw error
  }
}
