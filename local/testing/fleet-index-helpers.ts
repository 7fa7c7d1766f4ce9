import {
  SearchIndexCommand,
  UpdateIndexingConfigurationCommand,
  type IoTClient,
  type ThingDocument,
} from '@aws-sdk/client-iot'
import type { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane'
import { updateShadow } from './shadow-helpers.ts'

/** The field the tests aggregate versions on: the `firmware` package's version in `$package`. */
export const VERSION_FIELD = 'shadow.name.$package.reported.firmware.version'

/** Registry, classic and `$package` shadows and connectivity, with the version and a number attribute aggregatable. */
export async function enableFleetIndexing(iot: IoTClient): Promise<void> {
  await iot.send(
    new UpdateIndexingConfigurationCommand({
      thingIndexingConfiguration: {
        thingIndexingMode: 'REGISTRY_AND_SHADOW',
        thingConnectivityIndexingMode: 'STATUS',
        namedShadowIndexingMode: 'ON',
        filter: { namedShadowNames: ['$package'] },
        customFields: [
          { name: VERSION_FIELD, type: 'String' },
          { name: 'attributes.temp', type: 'Number' },
        ],
      },
    }),
  )
}

/** Every thing a query matches, page after page. */
export async function searchAll(
  iot: IoTClient,
  queryString: string,
  maxResults = 100,
): Promise<ThingDocument[]> {
  const things: ThingDocument[] = []
  let nextToken: string | undefined
  do {
    const page = await iot.send(new SearchIndexCommand({ queryString, maxResults, nextToken }))
    things.push(...(page.things ?? []))
    nextToken = page.nextToken
  } while (nextToken !== undefined)
  return things
}

export const namesOf = (things: readonly ThingDocument[]) =>
  things.map((thing) => thing.thingName ?? '')

/** A device reporting its firmware version in `$package`, as a Software Package Catalog job leaves it. */
export function reportVersion(
  data: IoTDataPlaneClient,
  thingName: string,
  version: string,
): Promise<Record<string, unknown>> {
  return updateShadow(
    data,
    thingName,
    { state: { reported: { firmware: { version } } } },
    '$package',
  )
}
