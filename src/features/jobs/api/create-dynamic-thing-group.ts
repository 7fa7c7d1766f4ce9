import {
  CreateDynamicThingGroupCommand,
  DeleteDynamicThingGroupCommand,
  DescribeThingGroupCommand,
  type IoTClient,
} from '@aws-sdk/client-iot'
import { THINGS_INDEX_NAME } from '../utils/fleet-index.ts'

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
