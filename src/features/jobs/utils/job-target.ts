import {
  MAX_LEADING_WILDCARD_QUERY_LENGTH,
  parseFleetIndexQuery,
  queryValue,
} from '@domain/fleet-index-query.ts'
import { MAX_JOB_TARGETS } from '@domain/job-config/create-job-options.ts'
import { identifierProblem, THING_GROUP_NAME_RULE, THING_NAME_RULE } from '@domain/identifiers.ts'
import { MAX_TARGET_QUERY_TERMS, modelQuery } from './preflight-queries.ts'

/**
 * What a job is for, as the operator chose it. CreateJob takes only thing and
 * thing-group ARNs, at most 100; a fleet-index query becomes a dynamic thing
 * group first (its members are the query's matches, kept up to date by IoT).
 * https://docs.aws.amazon.com/iot/latest/apireference/API_CreateJob.html
 */
export const TARGET_KINDS = ['thing', 'things', 'group', 'query'] as const
export type TargetKind = (typeof TARGET_KINDS)[number]

export type JobTargetChoice =
  | { readonly kind: 'thing'; readonly thingName: string }
  | { readonly kind: 'things'; readonly thingNames: readonly string[] }
  | { readonly kind: 'group'; readonly thingGroupName: string }
  | { readonly kind: 'query'; readonly queryString: string }

export type TargetCheck =
  | { readonly ok: true; readonly target: JobTargetChoice }
  | { readonly ok: false; readonly message: string }

/** Names typed one per line or separated by commas or spaces. */
export const splitThingNames = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((name) => name.trim())
    .filter((name) => name !== '')

export function checkTarget(
  kind: TargetKind,
  fields: { readonly name: string; readonly names: string; readonly query: string },
): TargetCheck {
  const fail = (message: string): TargetCheck => ({ ok: false, message })
  switch (kind) {
    case 'thing': {
      const problem = identifierProblem(THING_NAME_RULE, fields.name.trim())
      return problem === undefined
        ? { ok: true, target: { kind, thingName: fields.name.trim() } }
        : fail(problem)
    }
    case 'group': {
      const problem = identifierProblem(THING_GROUP_NAME_RULE, fields.name.trim())
      return problem === undefined
        ? { ok: true, target: { kind, thingGroupName: fields.name.trim() } }
        : fail(problem)
    }
    case 'things': {
      const thingNames = splitThingNames(fields.names)
      if (thingNames.length === 0) return fail('Enter at least one thing name.')
      if (thingNames.length > MAX_JOB_TARGETS) {
        return fail(
          `A job takes at most ${MAX_JOB_TARGETS} things; you entered ${thingNames.length}. Target a thing group or a query instead.`,
        )
      }
      const duplicate = thingNames.find((name, index) => thingNames.indexOf(name) !== index)
      if (duplicate !== undefined) return fail(`${duplicate} is listed twice.`)
      for (const name of thingNames) {
        const problem = identifierProblem(THING_NAME_RULE, name)
        if (problem !== undefined) return fail(`${name}: ${problem}`)
      }
      return { ok: true, target: { kind, thingNames } }
    }
    case 'query': {
      const queryString = fields.query.trim()
      if (queryString === '') return fail('Enter a fleet-index query.')
      const problem = queryTargetProblem(queryString)
      return problem === undefined ? { ok: true, target: { kind, queryString } } : fail(problem)
    }
  }
}

/**
 * Why a fleet-index query cannot be a job's target, or nothing. The query
 * must parse on its own (it becomes a dynamic group's query) and leave room
 * for the preflight: its example searches add up to two terms, and its
 * counting query `(query) AND model:"m"` must stay within 100 characters when
 * the query has a leading wildcard. (Example searches that still exceed a
 * limit only lose their examples.) Without a model (the firmware is chosen
 * on the next step) a one-letter model is assumed; the firmware step checks
 * again with the chosen one.
 */
export function queryTargetProblem(queryString: string, model = ''): string | undefined {
  const parsed = parseFleetIndexQuery(queryString)
  if (!parsed.ok) return parsed.message
  if (parsed.terms > MAX_TARGET_QUERY_TERMS) {
    return `A target query may have at most ${MAX_TARGET_QUERY_TERMS} terms (this one has ${parsed.terms}): the preflight adds 2 of its own and AWS allows 12 a query.`
  }
  const wrapped = modelQuery(targetScopeQuery({ kind: 'query', queryString }), {
    model: model === '' ? 'x' : model,
    version: '',
  })
  if (parseFleetIndexQuery(wrapped).ok) return undefined
  const budget = MAX_LEADING_WILDCARD_QUERY_LENGTH - (wrapped.length - queryString.length)
  return `A query with a leading wildcard may have at most ${MAX_LEADING_WILDCARD_QUERY_LENGTH} characters including the terms the preflight adds${model === '' ? '' : ` for ${model}`}: shorten it to ${Math.max(0, budget)} characters or fewer, or drop the leading wildcard.`
}

/** How the wizard names the target, and what a typed confirmation asks for. */
export function targetName(target: JobTargetChoice): string {
  switch (target.kind) {
    case 'thing':
      return target.thingName
    case 'group':
      return target.thingGroupName
    case 'things':
      return `${target.thingNames.length} things`
    case 'query':
      return target.queryString
  }
}

/** The fleet-index query whose matches are a group's or a query's devices. */
export function targetScopeQuery(
  target: Extract<JobTargetChoice, { kind: 'group' | 'query' }>,
): string {
  return target.kind === 'group'
    ? `thingGroupNames:${queryValue(target.thingGroupName)}`
    : `(${target.queryString})`
}

/**
 * The dynamic thing group a query target becomes, named after the job so a
 * retried submission finds its own group and an operator sees which job made
 * it. Thing group names allow 128 characters; job ids 64.
 */
export const dynamicGroupNameFor = (jobId: string): string => `fleetdeck-${jobId}`
