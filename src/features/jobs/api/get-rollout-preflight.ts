import {
  GetBucketsAggregationCommand,
  GetStatisticsCommand,
  SearchIndexCommand,
  type IoTClient,
} from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import {
  FIRMWARE_VERSION_INDEX_FIELD,
  THINGS_INDEX_NAME,
} from '@domain/fleet-index-custom-fields.ts'
import { parseIndexedShadow, reportedFirmwareOf } from '@domain/reported-firmware.ts'
import {
  PREFLIGHT_CLASSES,
  preflightFromBuckets,
  preflightFromDevices,
  type Preflight,
  type PreflightClass,
  type PreflightDevice,
  type PreflightTarget,
} from '@domain/rollout-preflight.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { targetScopeQuery, type JobTargetChoice } from '../utils/job-target.ts'
import {
  modelQuery,
  thingNameQueries,
  unknownQuery,
  versionQuery,
} from '../utils/preflight-queries.ts'
import { jobsKeys } from './jobs-keys.ts'

/**
 * What a firmware job would do to its target, from the fleet index
 * (domain/rollout-preflight.ts classifies). For a group or a query the calls
 * do not grow with the fleet: one GetStatistics for the total, one
 * GetBucketsAggregation of the reported version over the target model's
 * devices, and one small SearchIndex per non-empty class for examples. For
 * explicit things, SearchIndex by name (12 names a query: AWS's term limit).
 * https://docs.aws.amazon.com/iot/latest/developerguide/index-aggregate.html
 */
export const PREFLIGHT_EXAMPLES = 5
/** Versions a fleet runs at once are few; a full page marks the preflight truncated. */
const VERSION_BUCKETS = 100

export interface PreflightInput {
  readonly target: JobTargetChoice
  readonly release: PreflightTarget
}

async function searchThings(
  iot: IoTClient,
  queryString: string,
  maxResults: number,
  signal: AbortSignal | undefined,
) {
  const output = await iot.send(
    new SearchIndexCommand({ indexName: THINGS_INDEX_NAME, queryString, maxResults }),
    { abortSignal: signal },
  )
  return output.things ?? []
}

async function preflightOfThings(
  iot: IoTClient,
  thingNames: readonly string[],
  release: PreflightTarget,
  signal: AbortSignal | undefined,
): Promise<Preflight> {
  const found = new Map<string, PreflightDevice>()
  for (const queryString of thingNameQueries(thingNames)) {
    for (const thing of await searchThings(iot, queryString, 100, signal)) {
      const name = thing.thingName ?? ''
      const { version, model } = reportedFirmwareOf(parseIndexedShadow(thing.shadow))
      found.set(name, { thingName: name, version, model })
    }
  }
  // A thing the index does not know (not indexed yet, or no shadow) is unknown.
  const devices = thingNames.map(
    (thingName) => found.get(thingName) ?? { thingName, version: undefined, model: undefined },
  )
  return preflightFromDevices(devices, release, { examplesPerClass: PREFLIGHT_EXAMPLES })
}

async function preflightOfScope(
  iot: IoTClient,
  scope: string,
  release: PreflightTarget,
  signal: AbortSignal | undefined,
): Promise<Preflight> {
  const [statistics, buckets] = await Promise.all([
    iot.send(new GetStatisticsCommand({ indexName: THINGS_INDEX_NAME, queryString: scope }), {
      abortSignal: signal,
    }),
    iot.send(
      new GetBucketsAggregationCommand({
        indexName: THINGS_INDEX_NAME,
        queryString: modelQuery(scope, release),
        aggregationField: FIRMWARE_VERSION_INDEX_FIELD,
        bucketsAggregationType: { termsAggregation: { maxBuckets: VERSION_BUCKETS } },
      }),
      { abortSignal: signal },
    ),
  ])
  const counts = preflightFromBuckets(
    (buckets.buckets ?? []).map((bucket) => ({
      keyValue: bucket.keyValue ?? '',
      count: bucket.count ?? 0,
    })),
    statistics.statistics?.count ?? 0,
    release,
    { maxBuckets: VERSION_BUCKETS },
  )
  const exampleQuery = (kind: PreflightClass): string | undefined => {
    if (counts.counts[kind] === 0) return undefined
    if (kind === 'unknown') return unknownQuery(scope, release)
    const largest = counts.versions[kind][0]
    return largest === undefined ? undefined : versionQuery(scope, release, largest.version)
  }
  const examples = await Promise.all(
    PREFLIGHT_CLASSES.map(async (kind) => {
      const queryString = exampleQuery(kind)
      if (queryString === undefined) return []
      try {
        const things = await searchThings(iot, queryString, PREFLIGHT_EXAMPLES, signal)
        return things.map((thing) => thing.thingName ?? '').filter((name) => name !== '')
      } catch (error) {
        // Examples only help the operator recognise devices: a search AWS
        // refuses (a reported version long enough to push a leading-wildcard
        // query past 100 characters, say) leaves that class without names
        // rather than failing the counts. An abort still ends the preflight.
        if (signal?.aborted === true) throw error
        return []
      }
    }),
  )
  const [upgrade = [], downgrade = [], current = [], unknown = []] = examples
  return { ...counts, examples: { upgrade, downgrade, current, unknown } }
}

export async function getRolloutPreflight(
  iot: IoTClient,
  { target, release }: PreflightInput,
  signal?: AbortSignal,
): Promise<Preflight> {
  switch (target.kind) {
    case 'thing':
      return preflightOfThings(iot, [target.thingName], release, signal)
    case 'things':
      return preflightOfThings(iot, target.thingNames, release, signal)
    case 'group':
    case 'query':
      return preflightOfScope(iot, targetScopeQuery(target), release, signal)
  }
}

export const rolloutPreflightOptions = (iot: IoTClient, input: PreflightInput) =>
  queryOptions({
    queryKey: [...jobsKeys.preflights(), input] as const,
    queryFn: ({ signal }) => getRolloutPreflight(iot, input, signal),
    // A preflight is a snapshot for a decision: show it fresh each time the
    // review opens rather than from a cache minutes old.
    staleTime: 0,
  })

export function useRolloutPreflight(input: PreflightInput | undefined) {
  const { iot } = useAwsClients()
  return useQuery({
    ...rolloutPreflightOptions(
      iot,
      input ?? { target: { kind: 'things', thingNames: [] }, release: { model: '', version: '' } },
    ),
    enabled: input !== undefined,
  })
}
