import { z } from 'zod'
import { codePointLength } from './number-rules.ts'
import { validateWith, type Validated } from './validation.ts'

/**
 * A name AWS IoT accepts: a character class, a length range, and the words an
 * operator needs to fix a refused name. Patterns and lengths are from the IoT
 * service model (iot-2015-05-28: JobId, ThingName, ThingGroupName, …).
 */
export interface IdentifierRule {
  readonly label: string
  /** Matches one allowed character. */
  readonly allowedCharacter: RegExp
  readonly allowedDescription: string
  readonly minLength: number
  readonly maxLength: number
}

export const JOB_ID_RULE: IdentifierRule = {
  label: 'Job ID',
  allowedCharacter: /[a-zA-Z0-9_-]/,
  allowedDescription: 'letters, digits, hyphens (-) and underscores (_)',
  minLength: 1,
  maxLength: 64,
}

export const JOB_TEMPLATE_ID_RULE: IdentifierRule = { ...JOB_ID_RULE, label: 'Job template ID' }

export const THING_NAME_RULE: IdentifierRule = {
  label: 'Thing name',
  allowedCharacter: /[a-zA-Z0-9:_-]/,
  allowedDescription: 'letters, digits, colons (:), hyphens (-) and underscores (_)',
  minLength: 1,
  maxLength: 128,
}

export const THING_GROUP_NAME_RULE: IdentifierRule = {
  ...THING_NAME_RULE,
  label: 'Thing group name',
}

export const THING_TYPE_NAME_RULE: IdentifierRule = { ...THING_NAME_RULE, label: 'Thing type name' }

export const ATTRIBUTE_NAME_RULE: IdentifierRule = {
  label: 'Attribute name',
  allowedCharacter: /[a-zA-Z0-9_.,@/:#-]/,
  allowedDescription: 'letters, digits and _ . , @ / : # -',
  minLength: 1,
  maxLength: 128,
}

/** An empty value is allowed: UpdateThing removes the attribute. Note `+` is not allowed, so semver build metadata cannot live in an attribute. */
export const ATTRIBUTE_VALUE_RULE: IdentifierRule = {
  label: 'Attribute value',
  allowedCharacter: /[a-zA-Z0-9_.,@/:#=[\]-]/,
  allowedDescription: 'letters, digits and _ . , @ / : # = [ ] -',
  minLength: 0,
  maxLength: 800,
}

/** statusDetails keys (JobExecutionStatusDetails.detailsMap, DetailsKey). */
export const STATUS_DETAILS_KEY_RULE: IdentifierRule = {
  label: 'Status detail name',
  allowedCharacter: /[a-zA-Z0-9:_-]/,
  allowedDescription: 'letters, digits, colons (:), hyphens (-) and underscores (_)',
  minLength: 1,
  maxLength: 128,
}

const MAX_LISTED_CHARACTERS = 5

/** The operator-facing reason `value` breaks `rule`, or undefined when it does not. */
export function identifierProblem(rule: IdentifierRule, value: unknown): string | undefined {
  if (typeof value !== 'string') return `${rule.label} must be text.`
  const length = codePointLength(value)
  if (length === 0 && rule.minLength > 0) return `${rule.label} is required.`
  if (length > rule.maxLength) {
    return `${rule.label} must be at most ${rule.maxLength} characters; it has ${length}.`
  }
  const refused = [
    ...new Set([...value].filter((character) => !rule.allowedCharacter.test(character))),
  ]
  if (refused.length > 0) {
    const listed = refused
      .slice(0, MAX_LISTED_CHARACTERS)
      .map((character) => JSON.stringify(character))
      .join(', ')
    return `${rule.label} may contain only ${rule.allowedDescription}; remove ${listed}.`
  }
  return undefined
}

export function identifierSchema(rule: IdentifierRule) {
  return z.string({ error: `${rule.label} must be text.` }).superRefine((value, context) => {
    const problem = identifierProblem(rule, value)
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem })
  })
}

export const jobIdSchema = identifierSchema(JOB_ID_RULE)
export const jobTemplateIdSchema = identifierSchema(JOB_TEMPLATE_ID_RULE)
export const thingNameSchema = identifierSchema(THING_NAME_RULE)
export const thingGroupNameSchema = identifierSchema(THING_GROUP_NAME_RULE)
export const thingTypeNameSchema = identifierSchema(THING_TYPE_NAME_RULE)
export const attributeNameSchema = identifierSchema(ATTRIBUTE_NAME_RULE)
export const attributeValueSchema = identifierSchema(ATTRIBUTE_VALUE_RULE)

export const validateJobId = (value: unknown): Validated<string> => validateWith(jobIdSchema, value)
export const validateJobTemplateId = (value: unknown): Validated<string> =>
  validateWith(jobTemplateIdSchema, value)
export const validateThingName = (value: unknown): Validated<string> =>
  validateWith(thingNameSchema, value)
export const validateThingGroupName = (value: unknown): Validated<string> =>
  validateWith(thingGroupNameSchema, value)
export const validateThingTypeName = (value: unknown): Validated<string> =>
  validateWith(thingTypeNameSchema, value)
