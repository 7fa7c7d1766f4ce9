import { SearchIndexCommand, type IoTClient } from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { THINGS_INDEX_NAME } from '@domain/fleet-index-custom-fields.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { fleetKeys } from './fleet-keys.ts'
import { thingNameQuery } from '../utils/fleet-search-query.ts'
import { thingRowOf, type ThingRow } from '../utils/thing-row.ts'

/**
 * Things per page. SearchIndex returns at most 100 a page whatever maxResults
 * says ("This maximum number cannot exceed 100").
 * https://docs.aws.amazon.com/iot/latest/apireference/API_SearchIndex.html
 */
export const THINGS_PAGE_SIZE = 50

export interface SearchIndexInput {
  readonly queryString: string
  readonly nextToken?: string | undefined
  readonly maxResults?: number
}

export interface ThingsPage {
  readonly things: readonly ThingRow[]
  /** Undefined on the last page. */
  readonly nextToken?: string
}

export async function searchIndex(
  iot: IoTClient,
  { queryString, nextToken, maxResults = THINGS_PAGE_SIZE }: SearchIndexInput,
  signal?: AbortSignal,
): Promise<ThingsPage> {
  const output = await iot.send(
    new SearchIndexCommand({
      indexName: THINGS_INDEX_NAME,
      queryString,
      maxResults,
      ...(nextToken === undefined ? {} : { nextToken }),
    }),
    { abortSignal: signal },
  )
  const things = (output.things ?? []).map(thingRowOf)
  // The API reference gives "null if there are no additional results"; treat an empty token alike.
  return output.nextToken ? { things, nextToken: output.nextToken } : { things }
}

export const searchIndexOptions = (iot: IoTClient, input: SearchIndexInput) => {
  const maxResults = input.maxResults ?? THINGS_PAGE_SIZE
  return queryOptions({
    queryKey: fleetKeys.search({
      queryString: input.queryString,
      maxResults,
      nextToken: input.nextToken ?? null,
    }),
    queryFn: ({ signal }) => searchIndex(iot, { ...input, maxResults }, signal),
  })
}

/** A page of things matching a query; pass `enabled: false` while the query is invalid. */
export function useSearchIndex(input: SearchIndexInput, { enabled = true } = {}) {
  const { iot } = useAwsClients()
  return useQuery({ ...searchIndexOptions(iot, input), enabled })
}

/** One thing's index document (groups, connectivity, reported version): a search for its exact name. */
export function useIndexedThing(thingName: string, { enabled = true } = {}) {
  const { iot } = useAwsClients()
  return useQuery({
    ...searchIndexOptions(iot, { queryString: thingNameQuery(thingName), maxResults: 1 }),
    enabled,
    select: (page): ThingRow | null => page.things[0] ?? null,
  })
}
