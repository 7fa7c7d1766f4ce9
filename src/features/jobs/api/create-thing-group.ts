import {
  AddThingToThingGroupCommand,
  CreateThingGroupCommand,
  type IoTClient,
} from '@aws-sdk/client-iot'
import { mapInPool } from '../utils/in-pool.ts'

/**
 * A static thing group holding exactly the things a job made for a list of
 * devices must reach (more than CreateJob's 100 targets). Every step may be
 * repeated: CreateThingGroup with the same name and properties answers the
 * existing group, and AddThingToThingGroup of a thing already in it changes
 * nothing. So a submission that failed half way (a lost connection after
 * 3,000 of 5,000 things) completes the same group when it is sent again with
 * the same job id. (Listing the members first would save calls on such a
 * resume, but would need ListThingsInThingGroup, which the roles do not
 * grant.)
 * https://docs.aws.amazon.com/iot/latest/apireference/API_CreateThingGroup.html
 * https://docs.aws.amazon.com/iot/latest/apireference/API_AddThingToThingGroup.html
 */
const ADDS_IN_FLIGHT = 8

export interface ThingGroupOfThings {
  readonly thingGroupName: string
  /** Kept the same for the same job, so a repeated CreateThingGroup matches. */
  readonly description: string
  readonly thingNames: readonly string[]
}

/** A group with this name exists and was not made for this job. */
export class ThingGroupConflictError extends Error {
  override readonly name = 'ThingGroupConflictError'

  constructor(readonly thingGroupName: string) {
    super(
      `A thing group named ${thingGroupName} already exists and was not made for this job. Start again to get a new job id.`,
    )
  }
}

/** Creates (or completes) the group and answers its ARN. */
export async function createThingGroupOfThings(
  iot: IoTClient,
  { thingGroupName, description, thingNames }: ThingGroupOfThings,
  signal?: AbortSignal,
): Promise<string> {
  let thingGroupArn: string | undefined
  try {
    const created = await iot.send(
      new CreateThingGroupCommand({
        thingGroupName,
        thingGroupProperties: { thingGroupDescription: description },
      }),
      { abortSignal: signal },
    )
    thingGroupArn = created.thingGroupArn
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceAlreadyExistsException')
      throw new ThingGroupConflictError(thingGroupName)
    throw error
  }
  if (thingGroupArn === undefined) throw new Error(`AWS returned no ARN for ${thingGroupName}.`)
  await mapInPool(thingNames, ADDS_IN_FLIGHT, async (thingName) => {
    await iot.send(new AddThingToThingGroupCommand({ thingGroupName, thingName }), {
      abortSignal: signal,
    })
  })
  return thingGroupArn
}
