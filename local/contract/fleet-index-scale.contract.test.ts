import {
  CreateDynamicThingGroupCommand,
  GetBucketsAggregationCommand,
  GetStatisticsCommand,
  SearchIndexCommand,
  UpdateIndexingConfigurationCommand,
} from '@aws-sdk/client-iot'
import { describe, expect, it } from 'vitest'
import { ShadowRejection } from '../shadows/shadow-request.ts'
import { useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'

/**
 * The bar: with 10,000 things whose shadows report versions,
 * GetBucketsAggregation on the version field returns correct counts, and a
 * dynamic group defined by a version query gains and loses members as
 * devices update. Things and shadows are made in process (the registry and
 * the Device Shadow service the wire uses), the questions go through the SDK.
 */
const cloud = useLocalCloudFixture()

const THINGS = 10_000
const VERSION_FIELD = 'shadow.reported.firmware.version'
/** Spread so every bucket has a different count: version i % 4 → 1.0.0 ×4000, 1.1.0 ×3000, … */
const VERSIONS = [
  '1.0.0',
  '1.0.0',
  '1.0.0',
  '1.0.0',
  '1.1.0',
  '1.1.0',
  '1.1.0',
  '2.0.0',
  '2.0.0',
  '2.1.0',
]
const versionOf = (index: number) => VERSIONS[index % VERSIONS.length] ?? ''
const nameOf = (index: number) => `scale-${String(index).padStart(5, '0')}`

async function report(thingNames: readonly string[], version: (thingName: string) => string) {
  const { shadows } = cloud.running.cloud
  // In parallel, so acknowledgements share log syncs as concurrent devices' do.
  const answers = await Promise.all(
    thingNames.map((thingName) =>
      shadows.updateThingShadow(
        thingName,
        undefined,
        new TextEncoder().encode(
          JSON.stringify({ state: { reported: { firmware: { version: version(thingName) } } } }),
        ),
      ),
    ),
  )
  expect(answers.filter((answer) => answer instanceof ShadowRejection)).toEqual([])
}

async function bucketsOf(queryString: string) {
  return cloud.iot.send(
    new GetBucketsAggregationCommand({
      queryString,
      aggregationField: VERSION_FIELD,
      bucketsAggregationType: { termsAggregation: { maxBuckets: 10 } },
    }),
  )
}

const countOf = async (queryString: string) =>
  (await cloud.iot.send(new GetStatisticsCommand({ queryString }))).statistics?.count

describe('10,000 things', () => {
  it('aggregate their reported versions, and a dynamic group follows version updates', async () => {
    await cloud.iot.send(
      new UpdateIndexingConfigurationCommand({
        thingIndexingConfiguration: {
          thingIndexingMode: 'REGISTRY_AND_SHADOW',
          thingConnectivityIndexingMode: 'STATUS',
          customFields: [{ name: VERSION_FIELD, type: 'String' }],
        },
      }),
    )
    const names = Array.from({ length: THINGS }, (_, index) => nameOf(index))
    for (const thingName of names) cloud.running.cloud.registry.createThing({ thingName })
    await cloud.running.cloud.store.flush()
    await cloud.iot.send(
      new CreateDynamicThingGroupCommand({
        thingGroupName: 'on-1-0-0',
        queryString: `${VERSION_FIELD}:1.0.0`,
      }),
    )
    const indexOf = new Map(names.map((name, index) => [name, index]))
    for (let start = 0; start < THINGS; start += 1_000)
      await report(names.slice(start, start + 1_000), (name) => versionOf(indexOf.get(name) ?? 0))

    // How fast this answers is bench/fleet-index-latency.ts's question, not a test's.
    const all = await bucketsOf('thingName:scale-*')
    expect(all.totalCount).toBe(THINGS)
    expect(all.buckets).toEqual([
      { keyValue: '1.0.0', count: 4_000 },
      { keyValue: '1.1.0', count: 3_000 },
      { keyValue: '2.0.0', count: 2_000 },
      { keyValue: '2.1.0', count: 1_000 },
    ])
    expect(await countOf('thingGroupNames:on-1-0-0')).toBe(4_000)

    // 1,000 devices on 1.0.0 update to 2.1.0: they leave the group, the
    // distribution moves with them, and a device going back rejoins.
    const updating = names
      .filter((name) => versionOf(indexOf.get(name) ?? 0) === '1.0.0')
      .slice(0, 1_000)
    await report(updating, () => '2.1.0')
    expect((await bucketsOf('*')).buckets).toEqual([
      { keyValue: '1.0.0', count: 3_000 },
      { keyValue: '1.1.0', count: 3_000 },
      { keyValue: '2.0.0', count: 2_000 },
      { keyValue: '2.1.0', count: 2_000 },
    ])
    expect(await countOf('thingGroupNames:on-1-0-0')).toBe(3_000)
    await report(updating.slice(0, 1), () => '1.0.0')
    expect(await countOf('thingGroupNames:on-1-0-0')).toBe(3_001)
    const { things } = await cloud.iot.send(
      new SearchIndexCommand({ queryString: `thingName:${updating[0] ?? ''}` }),
    )
    expect(things?.[0]?.thingGroupNames).toEqual(['on-1-0-0'])
  }, 60_000)
})
