import {
  CreateThingCommand,
  IoTClient,
  UpdateIndexingConfigurationCommand,
  UpdateThingCommand,
} from '@aws-sdk/client-iot'
import type { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane'
import type { MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isAccessDeniedError, isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import {
  FIRMWARE_MODEL_INDEX_FIELD,
  FIRMWARE_VERSION_INDEX_FIELD,
} from '@domain/fleet-index-custom-fields.ts'
import { eventually } from '../../../../local/testing/eventually.ts'
import { arnOfThing, createThings, inParallel } from '../../../../local/testing/fleet-helpers.ts'
import { jobHelpers } from '../../../../local/testing/job-helpers.ts'
import { useLocalCloudFixture } from '../../../../local/testing/local-cloud-fixture.ts'
import { connectMqtt } from '../../../../local/testing/mqtt-helpers.ts'
import { dataPlaneClient, updateShadow } from '../../../../local/testing/shadow-helpers.ts'
import { VIEWER_KEY, withViewerKey } from '../../../../local/testing/viewer-key.ts'
import { describeThing } from './describe-thing.ts'
import { fleetSearchQuery } from '../utils/fleet-search-query.ts'
import type { FleetFilters } from '../utils/fleet-filters.ts'
import { getThingShadow } from './get-thing-shadow.ts'
import { listJobExecutionsForThing } from './list-job-executions-for-thing.ts'
import { searchIndex } from './search-index.ts'
import type { ThingRow } from '../utils/thing-row.ts'

/**
 * The things views' fetchers through the real SDK against a local cloud:
 * paging the fleet index, every filter of the things page as the query it
 * builds, a thing's registry entry, shadow and job history, and a viewer's
 * read access.
 */
const cloud = useLocalCloudFixture({ credentials: withViewerKey })
const { createJob } = jobHelpers(() => cloud)
let data: IoTDataPlaneClient
let things: string[]
let prefix: string
const devices: MqttClient[] = []

/** The demo's indexing configuration (local/seed), as a deployment would send it. */
async function enableDemoIndexing(iot: IoTClient) {
  await iot.send(
    new UpdateIndexingConfigurationCommand({
      thingIndexingConfiguration: {
        thingIndexingMode: 'REGISTRY_AND_SHADOW',
        thingConnectivityIndexingMode: 'STATUS',
        customFields: [
          { name: FIRMWARE_VERSION_INDEX_FIELD, type: 'String' },
          { name: FIRMWARE_MODEL_INDEX_FIELD, type: 'String' },
        ],
      },
    }),
  )
}

const reportFirmware = (thingName: string, version: string, model = 'sensor-v2') =>
  updateShadow(data, thingName, { state: { reported: { firmware: { version, model } } } })

async function searchAllPages(
  iot: IoTClient,
  queryString: string,
  maxResults: number,
): Promise<{ rows: ThingRow[]; pages: number }> {
  const rows: ThingRow[] = []
  let nextToken: string | undefined
  let pages = 0
  do {
    const page = await searchIndex(iot, { queryString, nextToken, maxResults })
    expect(page.things.length).toBeLessThanOrEqual(maxResults)
    rows.push(...page.things)
    nextToken = page.nextToken
    pages += 1
  } while (nextToken !== undefined)
  return { rows, pages }
}

async function namesFor(filters: FleetFilters): Promise<string[]> {
  const query = fleetSearchQuery({ name: prefix, ...filters })
  if (!query.ok) throw new Error(query.issues.map((issue) => issue.message).join('; '))
  const { rows } = await searchAllPages(cloud.iot, query.queryString, 100)
  return rows.map((row) => row.thingName)
}

beforeAll(async () => {
  data = dataPlaneClient(cloud.endpoint)
  await enableDemoIndexing(cloud.iot)
  // Names like fleetui-<time>-<random>-00003: the prefix holds `-`, which the name filter must escape.
  things = await createThings(cloud.iot, 7, 'fleetui')
  prefix = (things[0] ?? '').replace(/-\d{5}$/, '')
  await cloud.iot.send(
    new UpdateThingCommand({
      thingName: things[0],
      attributePayload: { attributes: { model: 'sensor-v2', site: 'north/a' } },
    }),
  )
  await cloud.iot.send(
    new UpdateThingCommand({
      thingName: things[1],
      attributePayload: { attributes: { site: 'south' } },
    }),
  )
  await inParallel(things.slice(0, 5), 5, async (thingName, index) => {
    await reportFirmware(thingName, index < 3 ? '1.2.0' : '1.3.0-rc.1')
  })
  devices.push(await connectMqtt(cloud.mqttEndpoint, things[6] ?? ''))
})

afterAll(async () => {
  for (const device of devices) await device.endAsync()
  data.destroy()
})

describe('searchIndex', () => {
  it('pages through every matching thing with nextToken', async () => {
    const { rows, pages } = await searchAllPages(cloud.iot, `thingName:${prefix}*`, 3)
    expect(pages).toBe(3)
    expect(rows.map((row) => row.thingName).sort()).toEqual(things)
  })

  it('reads model, reported version, groups and connectivity from the index', async () => {
    const { rows } = await searchAllPages(cloud.iot, `thingName:${prefix}*`, 100)
    const first = rows.find((row) => row.thingName === things[0])
    expect(first).toMatchObject({
      model: 'sensor-v2',
      firmwareVersion: '1.2.0',
      attributes: { model: 'sensor-v2', site: 'north/a' },
      thingGroupNames: [],
      connectivity: { connected: false },
    })
    expect(rows.find((row) => row.thingName === things[5])?.firmwareVersion).toBeUndefined()
    await eventually(async () => {
      const { rows: now } = await searchAllPages(cloud.iot, `thingName:${prefix}*`, 100)
      const online = now.find((row) => row.thingName === things[6])
      expect(online?.connectivity?.connected).toBe(true)
      expect(online?.connectivity?.since).toBeInstanceOf(Date)
    })
  })
})

describe("the things page's filters, as AWS runs them", () => {
  it('finds things by name prefix and by wildcard', async () => {
    expect(await namesFor({})).toEqual(things)
    expect(await namesFor({ name: `${prefix}-0000?` })).toEqual(things)
    expect(await namesFor({ name: things[3] })).toEqual([things[3]])
  })

  it('finds things by attribute, exactly or by pattern', async () => {
    expect(await namesFor({ attribute: 'site=north/a' })).toEqual([things[0]])
    expect(await namesFor({ attribute: 'site=*' })).toEqual([things[0], things[1]])
    expect(await namesFor({ attribute: 'site=nor*' })).toEqual([things[0]])
    expect(await namesFor({ attribute: 'site=north' })).toEqual([])
  })

  it('finds things by reported version, by pattern, and those reporting none', async () => {
    expect(await namesFor({ version: '1.2.0' })).toEqual(things.slice(0, 3))
    expect(await namesFor({ version: '1.3.0-rc.1' })).toEqual(things.slice(3, 5))
    expect(await namesFor({ version: '1.*' })).toEqual(things.slice(0, 5))
    expect(await namesFor({ noVersion: '1' })).toEqual(things.slice(5))
    expect(await namesFor({ version: 'unknown' })).toEqual([])
  })

  it('finds things by connectivity', async () => {
    await eventually(async () => {
      expect(await namesFor({ connectivity: 'connected' })).toEqual([things[6]])
    })
    expect(await namesFor({ connectivity: 'disconnected' })).toEqual(things.slice(0, 6))
  })
})

describe('describeThing', () => {
  it("answers the thing's registry entry", async () => {
    expect(await describeThing(cloud.iot, things[0] ?? '')).toMatchObject({
      thingName: things[0],
      thingArn: arnOfThing(things[0] ?? ''),
      attributes: { model: 'sensor-v2', site: 'north/a' },
    })
  })

  it('fails as not found for a thing that does not exist', async () => {
    const error: unknown = await describeThing(cloud.iot, `${prefix}-missing`).catch(
      (caught: unknown) => caught,
    )
    expect(isNotFoundError(error)).toBe(true)
  })
})

describe('getThingShadow', () => {
  it('answers the classic shadow as JSON, with the reported firmware', async () => {
    const shadow = await getThingShadow(data, things[3] ?? '')
    expect(shadow?.firmware).toEqual({ version: '1.3.0-rc.1', model: 'sensor-v2' })
    expect(JSON.parse(shadow?.text ?? '')).toMatchObject({
      state: { reported: { firmware: { version: '1.3.0-rc.1' } } },
    })
  })

  it('answers null, not an error, for a thing with no shadow yet', async () => {
    expect(await getThingShadow(data, things[5] ?? '')).toBeNull()
  })
})

describe('listJobExecutionsForThing', () => {
  it("pages through the thing's job history", async () => {
    const thingName = things[4] ?? ''
    const jobIds: string[] = []
    for (let index = 0; index < 3; index += 1)
      jobIds.push(await createJob({ targets: [arnOfThing(thingName)] }))
    const first = await listJobExecutionsForThing(cloud.iot, { thingName, maxResults: 2 })
    expect(first.executions).toHaveLength(2)
    expect(first.nextToken).toBeDefined()
    const second = await listJobExecutionsForThing(cloud.iot, {
      thingName,
      maxResults: 2,
      nextToken: first.nextToken,
    })
    expect(second.nextToken).toBeUndefined()
    const executions = [...first.executions, ...second.executions]
    expect(executions.map((execution) => execution.jobId).sort()).toEqual([...jobIds].sort())
    for (const execution of executions) {
      expect(execution).toMatchObject({ status: 'QUEUED', executionNumber: expect.any(Number) })
      expect(execution.queuedAt).toBeInstanceOf(Date)
    }
  })
})

describe('a viewer', () => {
  it('reads the fleet, a thing, its shadow and its jobs, and may not change the registry', async () => {
    const region = await cloud.iot.config.region()
    const iot = new IoTClient({
      region,
      endpoint: cloud.endpoint,
      credentials: VIEWER_KEY,
      maxAttempts: 1,
    })
    const viewerData = dataPlaneClient(cloud.endpoint, VIEWER_KEY)
    try {
      const page = await searchIndex(iot, { queryString: `thingName:${prefix}*` })
      expect(page.things).toHaveLength(things.length)
      expect((await describeThing(iot, things[0] ?? '')).thingName).toBe(things[0])
      expect((await getThingShadow(viewerData, things[0] ?? ''))?.firmware.version).toBe('1.2.0')
      await listJobExecutionsForThing(iot, { thingName: things[0] ?? '' })
      const refused: unknown = await iot
        .send(new CreateThingCommand({ thingName: `${prefix}-by-viewer` }))
        .catch((caught: unknown) => caught)
      expect(isAccessDeniedError(refused)).toBe(true)
    } finally {
      iot.destroy()
      viewerData.destroy()
    }
  })
})
