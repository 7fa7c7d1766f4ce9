import { identifierProblem, THING_GROUP_NAME_RULE } from '@domain/identifiers.ts'

/**
 * What is wrong with a name prefix for ListThingGroups' namePrefixFilter.
 * A prefix may be any beginning of a group name, so only the characters
 * and length are checked; an empty prefix lists every group.
 */
export function thingGroupPrefixProblem(prefix: string): string | undefined {
  if (prefix === '') return undefined
  return identifierProblem({ ...THING_GROUP_NAME_RULE, label: 'Name prefix' }, prefix)
}
