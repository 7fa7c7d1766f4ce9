import { randomUUID } from 'node:crypto'
import {
  resourceAlreadyExists,
  resourceNotFound,
  versionConflict,
  invalidRequest,
} from '../edge/aws-error.ts'
import { arns } from '../arns.ts'
import type { Clock } from '../clock.ts'
import type { Store } from '../store/store.ts'
import {
  memberKey,
  type LocalCloudSchema,
  type ThingGroupRecord,
  type ThingRecord,
  type ThingTypeRecord,
} from '../state/records.ts'

/**
 * Told when a thing joins or leaves a group, directly or through a parent:
 * continuous jobs follow it. `groupsBefore` holds every group whose tree held
 * the thing before the change (its direct groups and their ancestors).
 */
export interface MembershipListener {
  onMembershipChanged(thingName: string, groupsBefore: ReadonlySet<string>): void
}

/** Told after a thing is created, updated or deleted (fleet indexing keeps its documents current). */
export type ThingListener = (thingName: string) => void

export interface CreateThingInput {
  readonly thingName: string
  readonly thingTypeName?: string
  readonly attributes?: Readonly<Record<string, string>>
}

export interface UpdateThingInput {
  readonly thingName: string
  readonly thingTypeName?: string
  readonly removeThingType?: boolean
  readonly attributes?: Readonly<Record<string, string>>
  readonly merge?: boolean
  readonly expectedVersion?: number
}

export interface CreateThingGroupInput {
  readonly thingGroupName: string
  readonly parentGroupName?: string
  readonly description?: string
  readonly attributes?: Readonly<Record<string, string>>
}

/** A dynamic thing group: its members are the things its fleet-index query matches. */
export interface CreateDynamicThingGroupInput {
  readonly thingGroupName: string
  readonly description?: string
  readonly attributes?: Readonly<Record<string, string>>
  readonly queryString: string
  readonly queryVersion: string
  readonly indexName: string
}

export const isDynamicThingGroup = (group: ThingGroupRecord): boolean =>
  group.queryString !== undefined

/**
 * "You can add a thing to a maximum of 10 groups" (developer guide, static
 * thing groups), dynamic ones counted too: AddThingToThingGroup's
 * overrideDynamicGroups lets a static group take the place of "the last
 * dynamic group" at the limit.
 */
export const MAX_GROUPS_PER_THING = 10

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function sameAttributes(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}

/**
 * Things, thing types, thing groups and membership. Indexes live in memory and
 * are rebuilt from the store at start; the store is the only durable state.
 */
export class Registry {
  readonly #membersByGroup = new Map<string, Set<string>>()
  readonly #groupsByThing = new Map<string, Set<string>>()
  readonly #childrenByGroup = new Map<string, Set<string>>()
  /** Names of the dynamic groups: every shadow report and connect asks, so no scan of all groups. */
  readonly #dynamicGroupNames = new Set<string>()
  readonly #listeners: MembershipListener[] = []
  readonly #thingListeners: ThingListener[] = []

  constructor(
    private readonly store: Store<LocalCloudSchema>,
    private readonly clock: Clock,
  ) {
    for (const member of store.values('groupMembers'))
      this.#index(member.thingGroupName, member.thingName)
    for (const group of store.values('thingGroups')) {
      if (group.parentGroupName !== undefined)
        this.#children(group.parentGroupName).add(group.thingGroupName)
      if (isDynamicThingGroup(group)) this.#dynamicGroupNames.add(group.thingGroupName)
    }
  }

  addMembershipListener(listener: MembershipListener): void {
    this.#listeners.push(listener)
  }

  addThingListener(listener: ThingListener): void {
    this.#thingListeners.push(listener)
  }

  #thingChanged(thingName: string): void {
    for (const listener of this.#thingListeners) listener(thingName)
  }

  #children(group: string): Set<string> {
    let children = this.#childrenByGroup.get(group)
    if (children === undefined) {
      children = new Set()
      this.#childrenByGroup.set(group, children)
    }
    return children
  }

  #index(group: string, thing: string): void {
    let members = this.#membersByGroup.get(group)
    if (members === undefined) this.#membersByGroup.set(group, (members = new Set()))
    members.add(thing)
    let groups = this.#groupsByThing.get(thing)
    if (groups === undefined) this.#groupsByThing.set(thing, (groups = new Set()))
    groups.add(group)
  }

  #unindex(group: string, thing: string): void {
    this.#membersByGroup.get(group)?.delete(thing)
    this.#groupsByThing.get(thing)?.delete(group)
  }

  #notify(thingName: string, groupsBefore: ReadonlySet<string>): void {
    for (const listener of this.#listeners) listener.onMembershipChanged(thingName, groupsBefore)
  }

  /** Every group whose tree holds the thing: its direct groups and all their ancestors. */
  groupTreeOf(thingName: string): Set<string> {
    const tree = new Set<string>()
    for (const group of this.#groupsByThing.get(thingName) ?? []) {
      tree.add(group)
      for (const ancestor of this.ancestorGroups(group)) tree.add(ancestor.thingGroupName)
    }
    return tree
  }

  // Things

  getThing(thingName: string): ThingRecord | undefined {
    return this.store.get('things', thingName)
  }

  describeThing(thingName: string): ThingRecord {
    const thing = this.getThing(thingName)
    if (thing === undefined) throw resourceNotFound(`Thing ${thingName} cannot be found.`)
    return thing
  }

  #requireThingType(thingTypeName: string | undefined): void {
    if (thingTypeName !== undefined && !this.store.has('thingTypes', thingTypeName)) {
      throw resourceNotFound(`Thing type ${thingTypeName} cannot be found.`)
    }
  }

  /** Idempotent as in AWS: the same name and configuration answers with the existing thing. */
  createThing({ thingName, thingTypeName, attributes = {} }: CreateThingInput): ThingRecord {
    const existing = this.getThing(thingName)
    if (existing !== undefined) {
      if (
        existing.thingTypeName === thingTypeName &&
        sameAttributes(existing.attributes, attributes)
      )
        return existing
      throw resourceAlreadyExists(
        `Thing ${thingName} already exists with different configuration.`,
        thingName,
        existing.thingArn,
      )
    }
    this.#requireThingType(thingTypeName)
    const thing: ThingRecord = {
      thingName,
      thingId: randomUUID(),
      thingArn: arns.thing(thingName),
      ...(thingTypeName === undefined ? {} : { thingTypeName }),
      attributes: Object.fromEntries(
        Object.entries(attributes).filter(([, value]) => value !== ''),
      ),
      version: 1,
      createdAtMs: this.clock.now(),
    }
    this.store.put('things', thingName, thing)
    this.#thingChanged(thingName)
    return thing
  }

  updateThing(input: UpdateThingInput): ThingRecord {
    const thing = this.describeThing(input.thingName)
    if (input.expectedVersion !== undefined && input.expectedVersion !== thing.version) {
      throw versionConflict(
        `The version of thing ${thing.thingName} is ${thing.version}, not ${input.expectedVersion}.`,
      )
    }
    if (input.removeThingType === true && input.thingTypeName !== undefined) {
      throw invalidRequest('Give either thingTypeName or removeThingType, not both.')
    }
    this.#requireThingType(input.thingTypeName)
    let attributes: Record<string, string> = { ...thing.attributes }
    if (input.attributes !== undefined) {
      // UpdateThing: without merge the given map replaces all; with merge it is
      // laid over the old one. Either way an empty value removes the attribute.
      attributes =
        input.merge === true ? { ...attributes, ...input.attributes } : { ...input.attributes }
      attributes = Object.fromEntries(
        Object.entries(attributes).filter(([, value]) => value !== ''),
      )
    }
    const { thingTypeName: _old, ...rest } = thing
    const thingTypeName =
      input.removeThingType === true ? undefined : (input.thingTypeName ?? thing.thingTypeName)
    const updated: ThingRecord = {
      ...rest,
      ...(thingTypeName === undefined ? {} : { thingTypeName }),
      attributes,
      version: thing.version + 1,
    }
    this.store.put('things', thing.thingName, updated)
    this.#thingChanged(thing.thingName)
    return updated
  }

  /** Deleting a thing that does not exist succeeds, as in AWS. */
  deleteThing(thingName: string, expectedVersion?: number): void {
    const thing = this.getThing(thingName)
    if (thing === undefined) return
    if (expectedVersion !== undefined && expectedVersion !== thing.version) {
      throw versionConflict(
        `The version of thing ${thingName} is ${thing.version}, not ${expectedVersion}.`,
      )
    }
    const groups = [...(this.#groupsByThing.get(thingName) ?? [])]
    const before = this.groupTreeOf(thingName)
    for (const group of groups) {
      this.store.delete('groupMembers', memberKey(group, thingName))
      this.#unindex(group, thingName)
    }
    this.store.delete('things', thingName)
    if (groups.length > 0) this.#notify(thingName, before)
    this.#thingChanged(thingName)
  }

  listThings(filter: {
    readonly attributeName?: string
    readonly attributeValue?: string
    readonly usePrefixAttributeValue?: boolean
    readonly thingTypeName?: string
  }): ThingRecord[] {
    return [...this.store.values('things')]
      .filter(
        (thing) =>
          filter.thingTypeName === undefined || thing.thingTypeName === filter.thingTypeName,
      )
      .filter((thing) => {
        if (filter.attributeName === undefined) return true
        const value = thing.attributes[filter.attributeName]
        if (value === undefined) return false
        if (filter.attributeValue === undefined) return true
        return filter.usePrefixAttributeValue === true
          ? value.startsWith(filter.attributeValue)
          : value === filter.attributeValue
      })
      .sort((a, b) => byName(a.thingName, b.thingName))
  }

  // Thing types

  createThingType(input: {
    thingTypeName: string
    description?: string
    searchableAttributes?: string[]
  }): ThingTypeRecord {
    const existing = this.store.get('thingTypes', input.thingTypeName)
    if (existing !== undefined) {
      if (existing.description === input.description) return existing
      throw resourceAlreadyExists(
        `Thing type ${input.thingTypeName} already exists.`,
        input.thingTypeName,
        existing.thingTypeArn,
      )
    }
    const thingType: ThingTypeRecord = {
      thingTypeName: input.thingTypeName,
      thingTypeId: randomUUID(),
      thingTypeArn: arns.thingType(input.thingTypeName),
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(input.searchableAttributes === undefined
        ? {}
        : { searchableAttributes: input.searchableAttributes }),
      deprecated: false,
      creationDateMs: this.clock.now(),
    }
    this.store.put('thingTypes', input.thingTypeName, thingType)
    return thingType
  }

  listThingTypes(thingTypeName?: string): ThingTypeRecord[] {
    return [...this.store.values('thingTypes')]
      .filter((type) => thingTypeName === undefined || type.thingTypeName === thingTypeName)
      .sort((a, b) => byName(a.thingTypeName, b.thingTypeName))
  }

  // Thing groups

  getThingGroup(thingGroupName: string): ThingGroupRecord | undefined {
    return this.store.get('thingGroups', thingGroupName)
  }

  describeThingGroup(thingGroupName: string): ThingGroupRecord {
    const group = this.getThingGroup(thingGroupName)
    if (group === undefined)
      throw resourceNotFound(`Thing group ${thingGroupName} cannot be found.`)
    return group
  }

  createThingGroup(input: CreateThingGroupInput): ThingGroupRecord {
    const existing = this.getThingGroup(input.thingGroupName)
    if (existing !== undefined) {
      if (
        !isDynamicThingGroup(existing) &&
        existing.parentGroupName === input.parentGroupName &&
        existing.description === input.description
      )
        return existing
      throw resourceAlreadyExists(
        `Thing group ${input.thingGroupName} already exists with different configuration.`,
        input.thingGroupName,
        existing.thingGroupArn,
      )
    }
    if (input.parentGroupName !== undefined) {
      const parent = this.describeThingGroup(input.parentGroupName)
      if (isDynamicThingGroup(parent))
        throw invalidRequest(
          `Thing group ${parent.thingGroupName} is a dynamic thing group; dynamic thing groups can't be part of a hierarchy.`,
        )
    }
    const group: ThingGroupRecord = {
      thingGroupName: input.thingGroupName,
      thingGroupId: randomUUID(),
      thingGroupArn: arns.thingGroup(input.thingGroupName),
      version: 1,
      ...(input.description === undefined ? {} : { description: input.description }),
      attributes: input.attributes ?? {},
      ...(input.parentGroupName === undefined ? {} : { parentGroupName: input.parentGroupName }),
      creationDateMs: this.clock.now(),
    }
    this.store.put('thingGroups', group.thingGroupName, group)
    if (input.parentGroupName !== undefined)
      this.#children(input.parentGroupName).add(group.thingGroupName)
    return group
  }

  /** Deleting a group that does not exist succeeds, as in AWS; a group with child groups cannot be deleted. */
  deleteThingGroup(thingGroupName: string, expectedVersion?: number): void {
    const group = this.getThingGroup(thingGroupName)
    if (group === undefined) return
    if (isDynamicThingGroup(group)) throw this.#dynamic(group, 'use DeleteDynamicThingGroup')
    this.#deleteGroup(group, expectedVersion)
  }

  #deleteGroup(group: ThingGroupRecord, expectedVersion: number | undefined): void {
    const { thingGroupName } = group
    if (expectedVersion !== undefined && expectedVersion !== group.version) {
      throw versionConflict(
        `The version of thing group ${thingGroupName} is ${group.version}, not ${expectedVersion}.`,
      )
    }
    if ((this.#childrenByGroup.get(thingGroupName)?.size ?? 0) > 0) {
      throw invalidRequest(`Thing group ${thingGroupName} has child groups; delete them first.`)
    }
    const members = [...(this.#membersByGroup.get(thingGroupName) ?? [])]
    const before = new Map(members.map((thing) => [thing, this.groupTreeOf(thing)]))
    for (const thing of members) {
      this.store.delete('groupMembers', memberKey(thingGroupName, thing))
      this.#unindex(thingGroupName, thing)
    }
    this.store.delete('thingGroups', thingGroupName)
    this.#dynamicGroupNames.delete(thingGroupName)
    if (group.parentGroupName !== undefined)
      this.#childrenByGroup.get(group.parentGroupName)?.delete(thingGroupName)
    for (const thing of members) this.#notify(thing, before.get(thing) ?? new Set())
  }

  listThingGroups(filter: {
    parentGroup?: string
    namePrefixFilter?: string
    recursive?: boolean
  }): ThingGroupRecord[] {
    let groups = [...this.store.values('thingGroups')]
    if (filter.parentGroup !== undefined) {
      this.describeThingGroup(filter.parentGroup)
      const names =
        filter.recursive === false
          ? [...(this.#childrenByGroup.get(filter.parentGroup) ?? [])]
          : this.descendantGroups(filter.parentGroup).slice(1)
      const wanted = new Set(names)
      groups = groups.filter((group) => wanted.has(group.thingGroupName))
    }
    if (filter.namePrefixFilter !== undefined) {
      const prefix = filter.namePrefixFilter
      groups = groups.filter((group) => group.thingGroupName.startsWith(prefix))
    }
    return groups.sort((a, b) => byName(a.thingGroupName, b.thingGroupName))
  }

  /** The group and every group below it, parents first. */
  descendantGroups(thingGroupName: string): string[] {
    const result = [thingGroupName]
    for (let index = 0; index < result.length; index += 1) {
      result.push(...[...(this.#childrenByGroup.get(result[index] ?? '') ?? [])].sort(byName))
    }
    return result
  }

  /** From the root down to the group's parent, as thingGroupMetadata.rootToParentThingGroups lists them. */
  ancestorGroups(thingGroupName: string): ThingGroupRecord[] {
    const ancestors: ThingGroupRecord[] = []
    let parent = this.getThingGroup(thingGroupName)?.parentGroupName
    while (parent !== undefined) {
      const group = this.getThingGroup(parent)
      if (group === undefined) break
      ancestors.unshift(group)
      parent = group.parentGroupName
    }
    return ancestors
  }

  #dynamic(group: ThingGroupRecord, advice: string) {
    return invalidRequest(
      `Thing group ${group.thingGroupName} is a dynamic thing group: its query decides its members; ${advice}.`,
    )
  }

  addThingToThingGroup(
    thingGroupName: string,
    thingName: string,
    { overrideDynamicGroups = false }: { overrideDynamicGroups?: boolean } = {},
  ): void {
    const group = this.describeThingGroup(thingGroupName)
    if (isDynamicThingGroup(group)) throw this.#dynamic(group, 'things cannot be added by hand')
    this.describeThing(thingName)
    if (this.isMemberOf(thingGroupName, thingName)) return
    const groups = [...(this.#groupsByThing.get(thingName) ?? [])]
    if (groups.length >= MAX_GROUPS_PER_THING) {
      // Membership sets keep join order: the last dynamic group is the one joined last.
      const lastDynamic = groups.filter((name) => this.#dynamicGroupNames.has(name)).at(-1)
      if (!overrideDynamicGroups || lastDynamic === undefined) {
        throw invalidRequest(
          `Thing ${thingName} is already in ${MAX_GROUPS_PER_THING} thing groups, the most a thing can be in` +
            (lastDynamic === undefined
              ? '; remove it from one first.'
              : '; remove it from one first, or give overrideDynamicGroups to let this group take the place of a dynamic one.'),
        )
      }
      // Join first: leaving first would let the dynamic group's query take the place back.
      this.#join(thingGroupName, thingName)
      this.#leave(lastDynamic, thingName)
      return
    }
    this.#join(thingGroupName, thingName)
  }

  #join(thingGroupName: string, thingName: string): void {
    if (this.#membersByGroup.get(thingGroupName)?.has(thingName) === true) return
    const before = this.groupTreeOf(thingName)
    this.store.put('groupMembers', memberKey(thingGroupName, thingName), {
      thingGroupName,
      thingName,
    })
    this.#index(thingGroupName, thingName)
    this.#notify(thingName, before)
  }

  removeThingFromThingGroup(thingGroupName: string, thingName: string): void {
    const group = this.describeThingGroup(thingGroupName)
    if (isDynamicThingGroup(group)) throw this.#dynamic(group, 'things cannot be removed by hand')
    this.describeThing(thingName)
    this.#leave(thingGroupName, thingName)
  }

  #leave(thingGroupName: string, thingName: string): void {
    if (this.#membersByGroup.get(thingGroupName)?.has(thingName) !== true) return
    const before = this.groupTreeOf(thingName)
    this.store.delete('groupMembers', memberKey(thingGroupName, thingName))
    this.#unindex(thingGroupName, thingName)
    this.#notify(thingName, before)
  }

  thingsInGroup(thingGroupName: string, recursive: boolean): string[] {
    const groups = recursive ? this.descendantGroups(thingGroupName) : [thingGroupName]
    const things = new Set<string>()
    for (const group of groups)
      for (const thing of this.#membersByGroup.get(group) ?? []) things.add(thing)
    return [...things].sort(byName)
  }

  /** Whether the thing is a direct member of the group. */
  isMemberOf(thingGroupName: string, thingName: string): boolean {
    return this.#membersByGroup.get(thingGroupName)?.has(thingName) === true
  }

  /** Groups the thing is a direct member of. */
  groupsForThing(thingName: string): string[] {
    return [...(this.#groupsByThing.get(thingName) ?? [])].sort(byName)
  }

  // Dynamic thing groups: local/iot/fleet-index/dynamic-thing-groups.ts decides their members.

  dynamicThingGroups(): ThingGroupRecord[] {
    const groups: ThingGroupRecord[] = []
    for (const name of this.#dynamicGroupNames) {
      const group = this.getThingGroup(name)
      if (group !== undefined) groups.push(group)
    }
    return groups
  }

  /** The same name and query answer the existing group, as CreateThingGroup answers; anything else already exists. */
  createDynamicThingGroup(input: CreateDynamicThingGroupInput): ThingGroupRecord {
    const existing = this.getThingGroup(input.thingGroupName)
    if (existing !== undefined) {
      if (existing.queryString === input.queryString && existing.description === input.description)
        return existing
      throw resourceAlreadyExists(
        `Thing group ${input.thingGroupName} already exists with different configuration.`,
        input.thingGroupName,
        existing.thingGroupArn,
      )
    }
    const group: ThingGroupRecord = {
      thingGroupName: input.thingGroupName,
      thingGroupId: randomUUID(),
      thingGroupArn: arns.thingGroup(input.thingGroupName),
      version: 1,
      ...(input.description === undefined ? {} : { description: input.description }),
      attributes: input.attributes ?? {},
      creationDateMs: this.clock.now(),
      queryString: input.queryString,
      queryVersion: input.queryVersion,
      indexName: input.indexName,
    }
    this.store.put('thingGroups', group.thingGroupName, group)
    this.#dynamicGroupNames.add(group.thingGroupName)
    return group
  }

  requireDynamicThingGroup(thingGroupName: string): ThingGroupRecord {
    const group = this.describeThingGroup(thingGroupName)
    if (!isDynamicThingGroup(group))
      throw invalidRequest(
        `Thing group ${thingGroupName} is a static thing group, not a dynamic one.`,
      )
    return group
  }

  /** Stores a changed dynamic group as the next version, checking `expectedVersion` first. */
  updateDynamicThingGroup(
    thingGroupName: string,
    change: (group: ThingGroupRecord) => ThingGroupRecord,
    expectedVersion?: number,
  ): ThingGroupRecord {
    const group = this.requireDynamicThingGroup(thingGroupName)
    if (expectedVersion !== undefined && expectedVersion !== group.version) {
      throw versionConflict(
        `The version of thing group ${thingGroupName} is ${group.version}, not ${expectedVersion}.`,
      )
    }
    const updated: ThingGroupRecord = { ...change(group), version: group.version + 1 }
    this.store.put('thingGroups', thingGroupName, updated)
    return updated
  }

  /** Deleting a group that does not exist succeeds, as DeleteThingGroup does. */
  deleteDynamicThingGroup(thingGroupName: string, expectedVersion?: number): void {
    const group = this.getThingGroup(thingGroupName)
    if (group === undefined) return
    if (!isDynamicThingGroup(group))
      throw invalidRequest(
        `Thing group ${thingGroupName} is a static thing group; use DeleteThingGroup.`,
      )
    this.#deleteGroup(group, expectedVersion)
  }

  /**
   * Puts the thing in or out of a dynamic group, as its query decides;
   * membership listeners hear it as any change. A thing already in
   * MAX_GROUPS_PER_THING groups is not added (static groups take priority);
   * the query is asked again at its next change.
   */
  setDynamicMembership(thingGroupName: string, thingName: string, isMember: boolean): void {
    if (!isMember) this.#leave(thingGroupName, thingName)
    else if ((this.#groupsByThing.get(thingName)?.size ?? 0) < MAX_GROUPS_PER_THING)
      this.#join(thingGroupName, thingName)
  }

  /** Whether the thing is in the group or any group below it. */
  isInGroupTree(thingName: string, thingGroupName: string): boolean {
    const direct = this.#groupsByThing.get(thingName)
    if (direct === undefined || direct.size === 0) return false
    return this.descendantGroups(thingGroupName).some((group) => direct.has(group))
  }
}
