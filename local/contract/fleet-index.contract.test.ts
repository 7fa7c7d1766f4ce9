import {
  CreateThingCommand,
  DescribeIndexCommand,
  GetBucketsAggregationCommand,
  GetCardinalityCommand,
  GetIndexingConfigurationCommand,
  GetPercentilesCommand,
  GetStatisticsCommand,
  InvalidAggregationException,
  InvalidQueryException,
  InvalidRequestException,
  IoTClient,
  ResourceNotFoundException,
  SearchIndexCommand,
  UpdateIndexingConfigurationCommand,
  UpdateThingCommand,
} from '@aws-sdk/client-iot'
import type { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createThings } from '../testing/fleet-helpers.ts'
import {
  enableFleetIndexing,
  namesOf,
  reportVersion,
  searchAll,
  VERSION_FIELD,
} from '../testing/fleet-index-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import { VIEWER_KEY, withViewerKey } from '../testing/viewer-key.ts'
import { dataPlaneClient, updateShadow } from '../testing/shadow-helpers.ts'

/**
 * Fleet indexing through the SDK: the index configuration, SearchIndex over
 * registry, shadows and connectivity, pagination, query errors and the
 * aggregations. Each test names its own things and queries by their prefix.
 */
const VIEWER = VIEWER_KEY
const cloud = useLocalCloudFixture({ credentials: withViewerKey })
let data: IoTDataPlaneClient

beforeAll(() => {
  data = dataPlaneClient(cloud.endpoint)
})
afterAll(() => data.destroy())

const prefixOf = (things: readonly string[]) => (things[0] ?? '').replace(/-\d{5}$/, '')

describe('before indexing is switched on', () => {
  it('has no AWS_Things index to search, as AWS answers', async () => {
    const error = await cloud.iot
      .send(new SearchIndexCommand({ queryString: '*' }))
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ResourceNotFoundException)
    expect((error as Error).message).toMatch(/Index AWS_Things does not exist/)
    expect(
      (await cloud.iot.send(new GetIndexingConfigurationCommand({}))).thingIndexingConfiguration,
    ).toMatchObject({ thingIndexingMode: 'OFF', thingConnectivityIndexingMode: 'OFF' })
  })
})

describe('the indexing configuration', () => {
  it('is what UpdateIndexingConfiguration set, with the managed fields of what is indexed', async () => {
    await enableFleetIndexing(cloud.iot)
    const { thingIndexingConfiguration: thing } = await cloud.iot.send(
      new GetIndexingConfigurationCommand({}),
    )
    expect(thing).toMatchObject({
      thingIndexingMode: 'REGISTRY_AND_SHADOW',
      thingConnectivityIndexingMode: 'STATUS',
      namedShadowIndexingMode: 'ON',
      filter: { namedShadowNames: ['$package'] },
      customFields: [
        { name: VERSION_FIELD, type: 'String' },
        { name: 'attributes.temp', type: 'Number' },
      ],
    })
    expect(thing?.managedFields).toEqual(
      expect.arrayContaining([
        { name: 'thingName', type: 'String' },
        { name: 'shadow.hasDelta', type: 'Boolean' },
        { name: 'connectivity.connected', type: 'Boolean' },
      ]),
    )
    expect(
      await cloud.iot.send(new DescribeIndexCommand({ indexName: 'AWS_Things' })),
    ).toMatchObject({ indexStatus: 'ACTIVE', schema: 'MULTI_INDEXING_MODE' })
  })

  it('refuses a shadow custom field the mode does not index', async () => {
    await expect(
      cloud.iot.send(
        new UpdateIndexingConfigurationCommand({
          thingIndexingConfiguration: {
            thingIndexingMode: 'REGISTRY',
            customFields: [{ name: 'shadow.reported.x', type: 'String' }],
          },
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidRequestException)
  })

  it('lets a viewer search and aggregate but not change the configuration', async () => {
    const viewer = new IoTClient({
      region: 'us-east-1',
      endpoint: cloud.endpoint,
      credentials: VIEWER,
      maxAttempts: 1,
    })
    try {
      expect((await viewer.send(new SearchIndexCommand({ queryString: '*' }))).things).toBeDefined()
      expect(
        (await viewer.send(new GetStatisticsCommand({ queryString: '*' }))).statistics?.count,
      ).toBeGreaterThanOrEqual(0)
      await expect(
        viewer.send(
          new UpdateIndexingConfigurationCommand({
            thingIndexingConfiguration: { thingIndexingMode: 'OFF' },
          }),
        ),
      ).rejects.toMatchObject({ name: 'AccessDeniedException' })
    } finally {
      viewer.destroy()
    }
  })
})

describe('SearchIndex', () => {
  it('finds things by registry data and by what their shadows report, as they change', async () => {
    const things = await createThings(cloud.iot, 3, 'search')
    const [a = '', b = '', c = ''] = things
    const prefix = prefixOf(things)
    await cloud.iot.send(
      new UpdateThingCommand({ thingName: a, attributePayload: { attributes: { model: 'X1' } } }),
    )
    await updateShadow(data, a, { state: { reported: { firmware: '1.0.0', battery: 80 } } })
    await updateShadow(data, b, { state: { reported: { firmware: '1.1.0', battery: 20 } } })
    await reportVersion(data, c, '2.0.0')

    expect(
      namesOf(await searchAll(cloud.iot, `thingName:${prefix}-* AND attributes.model:x1`)),
    ).toEqual([a])
    expect(
      namesOf(await searchAll(cloud.iot, `thingName:${prefix}-* AND shadow.reported.firmware:1.*`)),
    ).toEqual([a, b])
    expect(
      namesOf(await searchAll(cloud.iot, `thingName:${prefix}-* shadow.reported.battery<50`)),
    ).toEqual([b])
    expect(
      namesOf(await searchAll(cloud.iot, `thingName:${prefix}-* AND ${VERSION_FIELD}:2.0.0`)),
    ).toEqual([c])

    await updateShadow(data, b, { state: { reported: { firmware: '2.0.0' } } })
    expect(
      namesOf(await searchAll(cloud.iot, `thingName:${prefix}-* AND shadow.reported.firmware:1.*`)),
    ).toEqual([a])
  })

  it('answers ThingDocuments with the shadow as a JSON string', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1, 'document')
    await updateShadow(data, thingName, { state: { reported: { firmware: '1.0.0' } } })
    await reportVersion(data, thingName, '1.0.0')
    const { things } = await cloud.iot.send(
      new SearchIndexCommand({ queryString: `thingName:${thingName}` }),
    )
    expect(things).toHaveLength(1)
    const [document] = things ?? []
    expect(document).toMatchObject({
      thingName,
      thingId: expect.any(String),
      thingGroupNames: [],
      attributes: {},
      connectivity: { connected: false, timestamp: 0 },
    })
    expect(JSON.parse(document?.shadow ?? '{}')).toMatchObject({
      reported: { firmware: '1.0.0' },
      version: 1,
      name: { $package: { reported: { firmware: { version: '1.0.0' } }, version: 1 } },
    })
  })

  it('pages in name order, each thing once', async () => {
    const things = await createThings(cloud.iot, 7, 'page')
    const query = `thingName:${prefixOf(things)}-*`
    const first = await cloud.iot.send(
      new SearchIndexCommand({ queryString: query, maxResults: 3 }),
    )
    expect(namesOf(first.things ?? [])).toEqual(things.slice(0, 3))
    expect(first.nextToken).toBeDefined()
    expect(namesOf(await searchAll(cloud.iot, query, 3))).toEqual(things)
    await expect(
      cloud.iot.send(
        new SearchIndexCommand({ queryString: 'thingName:other', nextToken: first.nextToken }),
      ),
    ).rejects.toBeInstanceOf(InvalidRequestException)
  })

  it('answers a many-wildcard query over a long shadow value (devices choose the values)', async () => {
    // Before glob matching was linear, this query compiled to a backtracking
    // RegExp that never finished, freezing the whole cloud: the request timed out.
    const [plain = '', ending = ''] = await createThings(cloud.iot, 2, 'adversarial')
    const long = 'a'.repeat(2_000)
    await updateShadow(data, plain, { state: { reported: { fw: long } } })
    await updateShadow(data, ending, { state: { reported: { fw: `${long}c` } } })
    const query = `thingName:${prefixOf([plain])}-* AND shadow.reported.fw:${'a*'.repeat(8)}c`
    expect(namesOf(await searchAll(cloud.iot, query))).toEqual([ending])
  })

  it.each([
    ['a field without a value', 'thingName:'],
    ['an unclosed parenthesis', '(thingName:a'],
    ['an unknown field', 'thingType:xyz'],
    ['two leading wildcards', 'thingName:*a AND thingGroupNames:*b'],
    ['thirteen terms', Array.from({ length: 13 }, (_, i) => `thingName:t${i}`).join(' OR ')],
    ['a range without TO', 'attributes.temp:[1 2]'],
    ['an unsupported character', 'thingName:a@b'],
  ])('refuses %s with InvalidQueryException', async (_, queryString) => {
    await expect(cloud.iot.send(new SearchIndexCommand({ queryString }))).rejects.toBeInstanceOf(
      InvalidQueryException,
    )
  })

  it('refuses an index it does not have', async () => {
    await expect(
      cloud.iot.send(new SearchIndexCommand({ indexName: 'Other', queryString: '*' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
  })
})

describe('aggregations', () => {
  it('GetStatistics sums a number field over the matching things', async () => {
    const things = await createThings(cloud.iot, 3, 'stats')
    const temps = ['-125', '75', '150']
    for (const [index, thingName] of things.entries())
      await cloud.iot.send(
        new UpdateThingCommand({
          thingName,
          attributePayload: { attributes: { temp: temps[index] ?? '0' } },
        }),
      )
    const query = `thingName:${prefixOf(things)}-*`
    const { statistics } = await cloud.iot.send(
      new GetStatisticsCommand({ queryString: query, aggregationField: 'attributes.temp' }),
    )
    expect(statistics).toMatchObject({
      count: 3,
      sum: 100,
      minimum: -125,
      maximum: 150,
      sumOfSquares: 43750,
    })
    expect(statistics?.average).toBeCloseTo(33.3333, 3)
    expect(statistics?.stdDeviation).toBeCloseTo(116.0699, 3)
    // Without a field, registry.version: each thing was updated once.
    expect(
      (await cloud.iot.send(new GetStatisticsCommand({ queryString: query }))).statistics,
    ).toMatchObject({ count: 3, average: 2 })
    expect(
      (
        await cloud.iot.send(
          new GetStatisticsCommand({ queryString: query, aggregationField: 'thingName' }),
        )
      ).statistics,
    ).toEqual({ count: 3 })
    expect(
      (
        await cloud.iot.send(
          new GetPercentilesCommand({
            queryString: query,
            aggregationField: 'attributes.temp',
            percents: [50],
          }),
        )
      ).percentiles,
    ).toEqual([{ percent: 50, value: 75 }])
  })

  it('GetBucketsAggregation gives the version distribution in one call', async () => {
    const things = await createThings(cloud.iot, 6, 'versions')
    const versions = ['1.0.0', '1.0.0', '1.1.0', '2.0.0', '2.0.0', '2.0.0']
    for (const [index, thingName] of things.entries())
      await reportVersion(data, thingName, versions[index] ?? '')
    const queryString = `thingName:${prefixOf(things)}-*`
    const answer = await cloud.iot.send(
      new GetBucketsAggregationCommand({
        queryString,
        aggregationField: VERSION_FIELD,
        bucketsAggregationType: { termsAggregation: { maxBuckets: 10 } },
      }),
    )
    expect(answer.totalCount).toBe(6)
    expect(answer.buckets).toEqual([
      { keyValue: '2.0.0', count: 3 },
      { keyValue: '1.0.0', count: 2 },
      { keyValue: '1.1.0', count: 1 },
    ])
    expect(
      (
        await cloud.iot.send(
          new GetCardinalityCommand({ queryString, aggregationField: VERSION_FIELD }),
        )
      ).cardinality,
    ).toBe(3)
  })

  it('refuses a field that is neither managed nor custom with InvalidAggregationException', async () => {
    await expect(
      cloud.iot.send(
        new GetBucketsAggregationCommand({
          queryString: '*',
          aggregationField: 'shadow.reported.firmware',
          bucketsAggregationType: { termsAggregation: {} },
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidAggregationException)
    await expect(
      cloud.iot.send(
        new GetPercentilesCommand({ queryString: '*', aggregationField: VERSION_FIELD }),
      ),
    ).rejects.toBeInstanceOf(InvalidAggregationException)
  })

  it('counts a new thing at once', async () => {
    const thingName = uniqueName('late')
    const before = await cloud.iot.send(new GetStatisticsCommand({ queryString: '*' }))
    await cloud.iot.send(new CreateThingCommand({ thingName }))
    const after = await cloud.iot.send(new GetStatisticsCommand({ queryString: '*' }))
    expect(after.statistics?.count).toBe((before.statistics?.count ?? 0) + 1)
  })
})
