import {
  CreateDynamicThingGroupCommand,
  DeleteDynamicThingGroupCommand,
  DescribeThingGroupCommand,
  type IoTClient,
} from '@aws-sdk/client-iot'
import { THINGS_INDEX_NAME } from '@domain/fleet-index-custom-fields.ts'

/**
 * The dynamic thing group a query-targeted job runs on: CreateJob cannot
 * target a query, so the query becomes a group whose members IoT keeps in
 * step with the index, and the job targets the group. Named after the job
 * id, so a retried submission finds the group its first attempt created
 * (ResourceAlreadyExistsException with the same query counts as success).
 * https://docs.aws.amazon.com/iot/latest/apireference/API_CreateDynamicThingGroup.html
 */
export class DynamicGroupConflictError extends Error {
  override readonly name = 'DynamicGroupConflictError'

  constructor(readonly thingGroupName: string) {
    super(
      `A thing group named ${thingGroupName} already exists with another query. Start a new submission to get a new job id.`,
    )
  }
}

export async function createDynamicThingGroup(
  iot: IoTClient,
  { thingGroupName, queryString }: { thingGroupName: string; queryString: string },
  signal?: AbortSignal,
): Promise<string> {
  try {
    const output = await iot.send(
      new CreateDynamicThingGroupCommand({
        thingGroupName,
        queryString,
        indexName: THINGS_INDEX_NAME,
        thingGroupProperties: {
          thingGroupDescription: 'Created by Fleetdeck for a job that targets a fleet-index query.',
        },
      }),
      { abortSignal: signal },
    )
    return output.thingGroupArn ?? ''
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'ResourceAlreadyExistsException') throw error
    const existing = await iot.send(new DescribeThingGroupCommand({ thingGroupName }), {
      abortSignal: signal,
    })
    if (existing.queryString !== queryString || existing.thingGroupArn === undefined) {
      throw new DynamicGroupConflictError(thingGroupName)
    }
    return existing.thingGroupArn
  }
}

/** Removes a group whose job AWS refused, so nothing half-created is left behind. */
export async function deleteDynamicThingGroup(
  iot: IoTClient,
  thingGroupName: string,
  signal?: AbortSignal,
): Promise<void> {
  await iot.send(new DeleteDynamicThingGroupCommand({ thingGroupName }), { abortSignal: signal })
}

/** The dynamic group was still being built when we stopped waiting. */
export class DynamicGroupNotReadyError extends Error {
  override readonly name = 'DynamicGroupNotReadyError'

  constructor(
    readonly thingGroupName: string,
    readonly status: string | undefined,
  ) {
    super(
      `The dynamic thing group ${thingGroupName} is still ${status ?? 'being built'}: AWS builds a dynamic group's membership before a job can use it. Press Create job again in a moment; the same job id and group are reused.`,
    )
  }
}

export interface WaitOptions {
  readonly timeoutMs?: number
  readonly intervalMs?: number
  /** Tests pass their own clock and sleep. */
  readonly nowMs?: () => number
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

const sleepFor = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(signal.reason as Error)
      },
      { once: true },
    )
  })

/**
 * Waits until DescribeThingGroup says the dynamic group is ACTIVE. AWS
 * builds a dynamic group's membership asynchronously after
 * CreateDynamicThingGroup (status BUILDING, later REBUILDING when its query
 * changes); a job created against a group still building may miss devices.
 * Bounded: after `timeoutMs` (30 s) DynamicGroupNotReadyError tells the
 * operator to try again, which reuses the job id and the group.
 * https://docs.aws.amazon.com/iot/latest/developerguide/dynamic-thing-groups.html
 */
export async function waitForDynamicGroupActive(
  iot: IoTClient,
  thingGroupName: string,
  { timeoutMs = 30_000, intervalMs = 1_000, nowMs = Date.now, sleep = sleepFor }: WaitOptions = {},
  signal?: AbortSignal,
): Promise<void> {
  const deadline = nowMs() + timeoutMs
  for (;;) {
    const { status } = await iot.send(new DescribeThingGroupCommand({ thingGroupName }), {
      abortSignal: signal,
    })
    if (status === 'ACTIVE') return
    if (nowMs() + intervalMs > deadline) throw new DynamicGroupNotReadyError(thingGroupName, status)
    await sleep(intervalMs, signal)
  }
}
