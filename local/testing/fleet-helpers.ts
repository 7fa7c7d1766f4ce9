import {
  AddThingToThingGroupCommand,
  CreateThingCommand,
  CreateThingGroupCommand,
  type IoTClient,
} from '@aws-sdk/client-iot'
import { thingArn, thingGroupArn } from '../../domain/arn.ts'
import { ACCOUNT_ID, REGION } from '../config.ts'
import { uniqueName } from './local-cloud-fixture.ts'

export const scope = { region: REGION, accountId: ACCOUNT_ID }
export const arnOfThing = (thingName: string) => thingArn(scope, thingName)
export const arnOfGroup = (thingGroupName: string) => thingGroupArn(scope, thingGroupName)

export const DOCUMENT = JSON.stringify({
  operation: 'config-upload',
  url: 'http://127.0.0.1:9/config',
})

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next
      next += 1
      await work(items[index] as T, index)
    }
  })
  await Promise.all(workers)
}

export async function createThings(
  iot: IoTClient,
  count: number,
  prefix = 'dev',
): Promise<string[]> {
  const base = uniqueName(prefix)
  const names = Array.from(
    { length: count },
    (_, index) => `${base}-${String(index).padStart(5, '0')}`,
  )
  await inParallel(names, 16, async (thingName) => {
    await iot.send(new CreateThingCommand({ thingName }))
  })
  return names
}

export async function createGroupOf(
  iot: IoTClient,
  things: readonly string[],
  parentGroupName?: string,
): Promise<string> {
  const thingGroupName = uniqueName('group')
  await iot.send(
    new CreateThingGroupCommand({
      thingGroupName,
      ...(parentGroupName === undefined ? {} : { parentGroupName }),
    }),
  )
  await inParallel(things, 16, async (thingName) => {
    await iot.send(new AddThingToThingGroupCommand({ thingGroupName, thingName }))
  })
  return thingGroupName
}
