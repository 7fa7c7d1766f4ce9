import { parseFleetIndexQuery } from '../../../domain/fleet-index-query.ts'
import type { ThingGroupRecord } from '../../state/records.ts'
import type { CreateDynamicThingGroupInput, Registry } from '../registry.ts'
import { invalidQuery, indexNotFound } from './errors.ts'
import type { FleetIndex } from './fleet-index.ts'
import { THINGS_INDEX } from './index-queries.ts'
import { compileQuery, type ThingPredicate } from './query-matcher.ts'
import type { IndexedFields } from './thing-document.ts'

/**
 * Dynamic thing groups: each group's members are the indexed things its
 * query matches. Membership is stored in the registry like a static group's,
 * so ListThingsInThingGroup, ListThingGroupsForThing and job targets see it,
 * and the registry's membership listeners (continuous jobs) hear every join
 * and leave. A group is filled when created or its query changes, and each
 * thing is re-judged whenever its document changes. AWS does this "eventually
 * consistent"; here it is done before the change returns, so groups are
 * always ACTIVE, never BUILDING.
 *
 * A change of membership made here is not judged again: one dynamic group's
 * membership (in thingGroupNames) reaches another group's query at the
 * thing's next change. That keeps a query about its own group from flapping.
 * https://docs.aws.amazon.com/iot/latest/developerguide/dynamic-thing-groups.html
 */
export class DynamicThingGroups {
  readonly #predicates = new Map<string, { queryString: string; predicate: ThingPredicate }>()
  #applying = false

  constructor(
    private readonly index: FleetIndex,
    private readonly registry: Registry,
  ) {
    index.onChange((thingName, fields) => this.#judge(thingName, fields))
    index.onRebuild(() => this.refillAll())
  }

  /** "The fleet indexing service must be enabled … before you can create and use dynamic thing groups." */
  #requireIndex(): void {
    if (!this.index.isOn) throw indexNotFound(THINGS_INDEX)
  }

  create(input: CreateDynamicThingGroupInput): ThingGroupRecord {
    this.#requireIndex()
    checkQuery(input.queryString)
    const group = this.registry.createDynamicThingGroup(input)
    this.#fill(group)
    return group
  }

  update(
    thingGroupName: string,
    change: (group: ThingGroupRecord) => ThingGroupRecord,
    expectedVersion?: number,
  ): ThingGroupRecord {
    this.#requireIndex()
    const group = this.registry.updateDynamicThingGroup(
      thingGroupName,
      (current) => {
        const next = change(current)
        if (next.queryString !== current.queryString) checkQuery(next.queryString ?? '')
        return next
      },
      expectedVersion,
    )
    this.#fill(group)
    return group
  }

  delete(thingGroupName: string, expectedVersion?: number): void {
    this.registry.deleteDynamicThingGroup(thingGroupName, expectedVersion)
    this.#predicates.delete(thingGroupName)
  }

  /** Brings every group in line with the index (at start, and after a new indexing configuration). */
  refillAll(): void {
    for (const group of this.registry.dynamicThingGroups()) this.#fill(group)
  }

  #predicateOf(group: ThingGroupRecord): ThingPredicate {
    const queryString = group.queryString ?? ''
    const cached = this.#predicates.get(group.thingGroupName)
    if (cached?.queryString === queryString) return cached.predicate
    const parsed = parseFleetIndexQuery(queryString)
    // A stored query was checked when it was stored; one that no longer parses matches nothing.
    const predicate = parsed.ok ? compileQuery(parsed.query) : () => false
    this.#predicates.set(group.thingGroupName, { queryString, predicate })
    return predicate
  }

  #apply(thingGroupName: string, thingName: string, isMember: boolean): void {
    if (this.registry.isMemberOf(thingGroupName, thingName) === isMember) return
    this.#applying = true
    try {
      this.registry.setDynamicMembership(thingGroupName, thingName, isMember)
    } finally {
      this.#applying = false
    }
  }

  #fill(group: ThingGroupRecord): void {
    const predicate = this.#predicateOf(group)
    const matching = new Set<string>()
    if (this.index.isOn)
      for (const [thingName, fields] of this.index.entries())
        if (predicate(fields)) matching.add(thingName)
    for (const member of this.registry.thingsInGroup(group.thingGroupName, false))
      if (!matching.has(member)) this.#apply(group.thingGroupName, member, false)
    for (const thingName of matching) this.#apply(group.thingGroupName, thingName, true)
  }

  #judge(thingName: string, fields: IndexedFields | undefined): void {
    if (this.#applying || fields === undefined) return
    for (const group of this.registry.dynamicThingGroups())
      this.#apply(group.thingGroupName, thingName, this.#predicateOf(group)(fields))
  }
}

function checkQuery(queryString: string): void {
  const parsed = parseFleetIndexQuery(queryString)
  if (!parsed.ok) throw invalidQuery(parsed.message)
}
