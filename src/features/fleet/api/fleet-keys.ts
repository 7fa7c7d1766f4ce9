/**
 * Every fleet query's cache key, from one factory, so invalidation by prefix
 * (`fleetKeys.thing(name)` drops the description, shadow and job history of
 * one thing) reaches exactly what it should.
 */
export interface SearchIndexKey {
  readonly queryString: string
  readonly maxResults: number
  readonly nextToken: string | null
}

export interface BucketsKey {
  readonly queryString: string
  readonly aggregationField: string
  readonly maxBuckets: number
}

export const fleetKeys = {
  all: ['fleet'] as const,
  searches: () => [...fleetKeys.all, 'search'] as const,
  search: (input: SearchIndexKey) => [...fleetKeys.searches(), input] as const,
  statistics: (queryString: string) => [...fleetKeys.all, 'statistics', queryString] as const,
  buckets: (input: BucketsKey) => [...fleetKeys.all, 'buckets', input] as const,
  things: () => [...fleetKeys.all, 'thing'] as const,
  thing: (thingName: string) => [...fleetKeys.things(), thingName] as const,
  thingDescription: (thingName: string) => [...fleetKeys.thing(thingName), 'describe'] as const,
  thingShadow: (thingName: string) => [...fleetKeys.thing(thingName), 'shadow'] as const,
  thingJobExecutions: (thingName: string, nextToken: string | null) =>
    [...fleetKeys.thing(thingName), 'job-executions', nextToken] as const,
  groups: () => [...fleetKeys.all, 'group'] as const,
  groupList: (namePrefixFilter: string | null, nextToken: string | null) =>
    [...fleetKeys.groups(), 'list', { namePrefixFilter, nextToken }] as const,
  group: (thingGroupName: string) => [...fleetKeys.groups(), thingGroupName] as const,
  groupDescription: (thingGroupName: string) =>
    [...fleetKeys.group(thingGroupName), 'describe'] as const,
}
