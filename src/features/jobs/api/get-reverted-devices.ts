import { SearchIndexCommand, type IoTClient } from '@aws-sdk/client-iot'
import { keepPreviousData, queryOptions, skipToken, type QueryClient } from '@tanstack/react-query'
import { THINGS_INDEX_NAME } from '@domain/fleet-index-custom-fields.ts'
import { parseIndexedShadow, reportedFirmwareOf } from '@domain/reported-firmware.ts'
import { isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import { mapInPool } from '../utils/in-pool.ts'
import { revertedCandidateQueries } from '../utils/reverted-queries.ts'
import {
  describeJobExecution,
  describeJobExecutionOptions,
  type ExecutionDescription,
} from './describe-job-execution.ts'
import { jobsKeys } from './jobs-keys.ts'

/**
 * "Succeeded but reverted": devices whose execution of an install job is
 * SUCCEEDED while their shadow reports another version than the one the job
 * installed (a device that reverted after reporting success, or a shadow
 * that never caught up). Listing every SUCCEEDED execution would grow with
 * the fleet; instead the fleet index names the devices of the job's target
 * that report another version (utils/reverted-queries.ts), at most
 * MAX_REVERTED_CANDIDATES of them, and only those executions are described
 * (DescribeJobExecution, a few at a time). Those still SUCCEEDED are flagged.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_SearchIndex.html
 */
export const MAX_REVERTED_CANDIDATES = 100
const DESCRIBES_IN_FLIGHT = 5

export interface RevertedDevice {
  readonly thingName: string
  readonly expectedVersion: string
  /** What the device's shadow reports, as text from the device. */
  readonly reportedVersion: string
}

export interface RevertedDevices {
  readonly devices: readonly RevertedDevice[]
  /** Candidates that have an execution of the job, described. */
  readonly checked: number
  /** Devices of the target the fleet index says report another version (up to the bound). */
  readonly candidates: number
  /** More devices report another version than were checked. */
  readonly truncated: boolean
}

export interface RevertedDevicesInput {
  readonly jobId: string
  /** The job's targets (thing and thing-group ARNs). */
  readonly targets: readonly string[]
  /** The version the job installs. */
  readonly version: string
}

type Describe = (thingName: string, signal?: AbortSignal) => Promise<ExecutionDescription>

async function searchCandidates(
  iot: IoTClient,
  queries: readonly string[],
  maxCandidates: number,
  signal: AbortSignal | undefined,
): Promise<{ found: Map<string, string>; truncated: boolean }> {
  const found = new Map<string, string>()
  for (const queryString of queries) {
    let nextToken: string | undefined
    do {
      const remaining = maxCandidates - found.size
      if (remaining <= 0) return { found, truncated: true }
      const page = await iot.send(
        new SearchIndexCommand({
          indexName: THINGS_INDEX_NAME,
          queryString,
          maxResults: Math.min(100, remaining),
          nextToken,
        }),
        { abortSignal: signal },
      )
      for (const thing of page.things ?? []) {
        const version = reportedFirmwareOf(parseIndexedShadow(thing.shadow)).version
        if (thing.thingName !== undefined && version !== undefined)
          found.set(thing.thingName, version)
      }
      nextToken = page.nextToken === '' ? undefined : page.nextToken
    } while (nextToken !== undefined)
  }
  return { found, truncated: false }
}

export async function getRevertedDevices(
  iot: IoTClient,
  { jobId, targets, version }: RevertedDevicesInput,
  {
    maxCandidates = MAX_REVERTED_CANDIDATES,
    describe = (thingName, signal) => describeJobExecution(iot, jobId, thingName, signal),
  }: { maxCandidates?: number; describe?: Describe } = {},
  signal?: AbortSignal,
): Promise<RevertedDevices> {
  const { found, truncated } = await searchCandidates(
    iot,
    revertedCandidateQueries(targets, version),
    maxCandidates,
    signal,
  )
  const candidates = [...found.keys()].sort()
  const described = await mapInPool(candidates, DESCRIBES_IN_FLIGHT, async (thingName) => {
    try {
      return await describe(thingName, signal)
    } catch (error) {
      // A device of the group the job never reached has no execution.
      if (isNotFoundError(error)) return undefined
      throw error
    }
  })
  const devices = described
    .filter((execution) => execution?.status === 'SUCCEEDED')
    .map((execution) => ({
      thingName: execution?.thingName ?? '',
      expectedVersion: version,
      reportedVersion: found.get(execution?.thingName ?? '') ?? '',
    }))
  const checked = described.filter((execution) => execution !== undefined).length
  return { devices, checked, candidates: candidates.length, truncated }
}

/**
 * Statuses an execution never leaves, even with retries (AWS retries only
 * FAILED and TIMED_OUT): described once, they need not be described again.
 */
const isSettled = (status: string | undefined) => status === 'SUCCEEDED' || status === 'REJECTED'

/**
 * The check as a query, keyed by the succeeded counter so it runs again
 * when more devices succeed. Descriptions go through the executions' own
 * cache (shared with the executions table); SUCCEEDED or REJECTED ones are
 * not described again, since AWS never moves them on.
 */
export const revertedDevicesOptions = (
  iot: IoTClient,
  queryClient: QueryClient,
  input: RevertedDevicesInput | undefined,
  succeeded: number,
) =>
  queryOptions({
    queryKey: [
      ...jobsKeys.detail(input?.jobId ?? ''),
      'reverted',
      input?.version ?? '',
      succeeded,
    ] as const,
    queryFn:
      input === undefined || input.targets.length === 0 || succeeded === 0
        ? skipToken
        : ({ signal }) =>
            getRevertedDevices(
              iot,
              input,
              {
                describe: (thingName) =>
                  queryClient.fetchQuery({
                    ...describeJobExecutionOptions(iot, input.jobId, thingName),
                    staleTime: (cached) =>
                      isSettled(cached.state.data?.status) ? Number.POSITIVE_INFINITY : 0,
                  }),
              },
              signal,
            ),
    placeholderData: keepPreviousData,
    // A device may fall back to its old image long after its last success.
    refetchInterval: REVERTED_REFRESH_MS,
  })

export const REVERTED_REFRESH_MS = 60_000
