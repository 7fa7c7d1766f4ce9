import {
  AddThingToThingGroupCommand,
  CreateDynamicThingGroupCommand,
  CreateThingGroupCommand,
  IoTClient,
  UpdateIndexingConfigurationCommand,
} from '@aws-sdk/client-iot'
import type { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import {
  FIRMWARE_MODEL_INDEX_FIELD,
  FIRMWARE_VERSION_INDEX_FIELD,
} from '@domain/fleet-index-custom-fields.ts'
import { createThings, inParallel } from '../../../../local/testing/fleet-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../../../../local/testing/local-cloud-fixture.ts'
import { dataPlaneClient, updateShadow } from '../../../../local/testing/shadow-helpers.ts'
import { VIEWER_KEY, withViewerKey } from '../../../../local/testing/viewer-key.ts'
import { describeThingGroup } from './describe-thing-group.ts'
import { thingGroupQuery } from '../utils/fleet-search-query.ts'
import { getBucketsAggregation } from '@/lib/aws/get-buckets-aggregation.ts'
import { VERSION_BUCKETS, versionBucketsInput } from './get-buckets-aggregation.ts'
import { getStatistics } from './get-statistics.ts'
import { listThingGroups, THING_GROUPS_PAGE_SIZE } from './list-thing-groups.ts'
import { searchIndex } from './search-index.ts'
import { fleetFiltersFrom } from '../utils/fleet-filters.ts'
import { fleetSearchQuery } from '../utils/fleet-search-query.ts'
import { versionDistribution } from '../utils/version-distribution.ts'
import { versionRowsOf } from '../utils/version-rows.ts'

/**
 * The thing-group views' fetchers through the real SDK against a local
 * cloud: static and dynamic groups, member counts from GetStatistics, and a
 * group's version distribution from one GetBucketsAggregation.
 */
const cloud = useLocalCloudFixture({ credentials: withViewerKey })
let data: IoTDataPlaneClient
let prefix: string
let staticGroup: string
let childGroup: string
let dynamicGroup: string
let things: string[]

const VERSIONS = ['1.0.0', '1.0.0', '1.1.0', '1.1.0', '1.1.0', undefined] as const

async function distributionOf(iot: IoTClient, thingGroupName: string) {
  const result = await getBucketsAggregation(iot, versionBucketsInput(thingGroupName))
  return versionDistribution(result, VERSION_BUCKETS)
}

beforeAll(async () => {
  data = dataPlaneClient(cloud.endpoint)
  await cloud.iot.send(
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
  prefix = uniqueName('fleetui')
  things = await createThings(cloud.iot, VERSIONS.length, 'grouped')
  await inParallel(things, 6, async (thingName, index) => {
    const version = VERSIONS[index]
    if (version !== undefined)
      await updateShadow(data, thingName, { state: { reported: { firmware: { version } } } })
  })
  // Also a thing outside every group reporting a version, which no count may include.
  const [outsider] = await createThings(cloud.iot, 1, 'outsider')
  await updateShadow(data, outsider ?? '', {
    state: { reported: { firmware: { version: '9.9.9' } } },
  })

  staticGroup = `${prefix}-static`
  childGroup = `${prefix}-child`
  dynamicGroup = `${prefix}-dynamic`
  await cloud.iot.send(
    new CreateThingGroupCommand({
      thingGroupName: staticGroup,
      thingGroupProperties: { thingGroupDescription: 'Lab devices' },
    }),
  )
  await cloud.iot.send(
    new CreateThingGroupCommand({ thingGroupName: childGroup, parentGroupName: staticGroup }),
  )
  await inParallel(things, 6, async (thingName) => {
    await cloud.iot.send(
      new AddThingToThingGroupCommand({ thingGroupName: staticGroup, thingName }),
    )
  })
  await cloud.iot.send(
    new CreateDynamicThingGroupCommand({
      thingGroupName: dynamicGroup,
      queryString: `thingName:grouped* AND ${FIRMWARE_VERSION_INDEX_FIELD}:1.1.0`,
    }),
  )
})

afterAll(() => {
  data.destroy()
})

describe('listThingGroups', () => {
  it('lists static and dynamic groups by name prefix', async () => {
    const page = await listThingGroups(cloud.iot, { namePrefixFilter: prefix })
    expect(page.thingGroups.map((group) => group.groupName).sort()).toEqual(
      [childGroup, dynamicGroup, staticGroup].sort(),
    )
    expect(page.nextToken).toBeUndefined()
  })

  it('pages with nextToken', async () => {
    const many = `${prefix}-many`
    const names = Array.from(
      { length: THING_GROUPS_PAGE_SIZE + 2 },
      (_, index) => `${many}-${index}`,
    )
    await inParallel(names, 8, async (thingGroupName) => {
      await cloud.iot.send(new CreateThingGroupCommand({ thingGroupName }))
    })
    const first = await listThingGroups(cloud.iot, { namePrefixFilter: many })
    expect(first.thingGroups).toHaveLength(THING_GROUPS_PAGE_SIZE)
    const second = await listThingGroups(cloud.iot, {
      namePrefixFilter: many,
      nextToken: first.nextToken,
    })
    expect(second.nextToken).toBeUndefined()
    expect(
      [...first.thingGroups, ...second.thingGroups].map((group) => group.groupName).sort(),
    ).toEqual([...names].sort())
  })
})

describe('describeThingGroup', () => {
  it('recognises a static group, its description and its parent', async () => {
    expect(await describeThingGroup(cloud.iot, staticGroup)).toMatchObject({
      thingGroupName: staticGroup,
      kind: 'static',
      description: 'Lab devices',
      ancestors: [],
    })
    const child = await describeThingGroup(cloud.iot, childGroup)
    expect(child).toMatchObject({ kind: 'static', parentGroupName: staticGroup })
    expect(child.ancestors).toEqual([staticGroup])
    expect(child.queryString).toBeUndefined()
  })

  it('recognises a dynamic group by its query', async () => {
    expect(await describeThingGroup(cloud.iot, dynamicGroup)).toMatchObject({
      kind: 'dynamic',
      queryString: `thingName:grouped* AND ${FIRMWARE_VERSION_INDEX_FIELD}:1.1.0`,
      status: 'ACTIVE',
    })
  })

  it('fails as not found for a group that does not exist', async () => {
    const error: unknown = await describeThingGroup(cloud.iot, `${prefix}-missing`).catch(
      (caught: unknown) => caught,
    )
    expect(isNotFoundError(error)).toBe(true)
  })
})

describe('getStatistics', () => {
  it("counts a group's members, static or dynamic, in one call", async () => {
    expect(await getStatistics(cloud.iot, thingGroupQuery(staticGroup))).toBe(VERSIONS.length)
    expect(await getStatistics(cloud.iot, thingGroupQuery(dynamicGroup))).toBe(3)
    expect(await getStatistics(cloud.iot, thingGroupQuery(childGroup))).toBe(0)
  })
})

describe('the version distribution', () => {
  it('counts each reported version and the devices reporting none, in one call', async () => {
    expect(await distributionOf(cloud.iot, staticGroup)).toEqual({
      totalCount: 6,
      versions: [
        { version: '1.1.0', count: 3 },
        { version: '1.0.0', count: 2 },
      ],
      remainder: 1,
      truncated: false,
    })
  })

  it('follows a dynamic group, and is empty for an empty group', async () => {
    expect(await distributionOf(cloud.iot, dynamicGroup)).toMatchObject({
      totalCount: 3,
      versions: [{ version: '1.1.0', count: 3 }],
      remainder: 0,
    })
    expect(await distributionOf(cloud.iot, childGroup)).toEqual({
      totalCount: 0,
      versions: [],
      remainder: 0,
      truncated: false,
    })
  })

  it("agrees with the group's members as the things page lists them", async () => {
    const page = await searchIndex(cloud.iot, {
      queryString: `${thingGroupQuery(staticGroup)} AND ${FIRMWARE_VERSION_INDEX_FIELD}:"1.1.0"`,
    })
    expect(page.things.map((thing) => thing.thingName)).toEqual(things.slice(2, 5))
  })
})

describe("the distribution's links to the things page", () => {
  // Versions a device may report that look like filter syntax: a wildcard,
  // and the very word the old filter used for "none reported".
  const ODD_VERSIONS = ['unknown', '1.*', '1.0', '1.0', undefined, undefined] as const
  let oddGroup: string
  let oddThings: string[]

  beforeAll(async () => {
    oddGroup = uniqueName('fleetodd')
    oddThings = await createThings(cloud.iot, ODD_VERSIONS.length, 'oddver')
    await cloud.iot.send(new CreateThingGroupCommand({ thingGroupName: oddGroup }))
    await inParallel(oddThings, 6, async (thingName, index) => {
      const version = ODD_VERSIONS[index]
      if (version !== undefined)
        await updateShadow(data, thingName, { state: { reported: { firmware: { version } } } })
      await cloud.iot.send(new AddThingToThingGroupCommand({ thingGroupName: oddGroup, thingName }))
    })
  })

  it('each row links to a search that finds exactly its devices', async () => {
    const rows = versionRowsOf(await distributionOf(cloud.iot, oddGroup), oddGroup)
    expect(rows.map((row) => [row.label, row.count])).toEqual([
      ['1.*', 1],
      ['1.0', 2],
      ['unknown', 1],
      ['Not reported', 2],
    ])
    const found = await Promise.all(
      rows.map(async (row) => {
        const filters = fleetFiltersFrom(new URL(row.href ?? '', 'https://x.test').searchParams)
        const query = fleetSearchQuery(filters)
        if (!query.ok) throw new Error(`${row.label}: ${JSON.stringify(query.issues)}`)
        const page = await searchIndex(cloud.iot, { queryString: query.queryString })
        return page.things.map((thing) => thing.thingName).sort()
      }),
    )
    expect(found).toEqual([
      [oddThings[1]],
      [oddThings[2], oddThings[3]],
      [oddThings[0]],
      [oddThings[4], oddThings[5]],
    ])
  })
})

describe('a viewer', () => {
  it('lists, describes, counts and aggregates groups', async () => {
    const iot = new IoTClient({
      region: await cloud.iot.config.region(),
      endpoint: cloud.endpoint,
      credentials: VIEWER_KEY,
      maxAttempts: 1,
    })
    try {
      const page = await listThingGroups(iot, { namePrefixFilter: prefix })
      expect(page.thingGroups.length).toBeGreaterThanOrEqual(3)
      expect((await describeThingGroup(iot, dynamicGroup)).kind).toBe('dynamic')
      expect(await getStatistics(iot, thingGroupQuery(staticGroup))).toBe(6)
      expect((await distributionOf(iot, staticGroup)).remainder).toBe(1)
    } finally {
      iot.destroy()
    }
  })
})
